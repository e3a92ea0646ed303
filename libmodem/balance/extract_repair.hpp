#pragma once

// Internal to the balance extractor: replies that reached zanryo mis-decoded somewhere
// between the carrier and us (docs/balance.md, "Mis-decoded replies"), repaired before
// extraction. Pure: the text and the country in, the repaired text out.

#include <string>
#include <string_view>

namespace zanryo::extract {

struct RepairedReply {
	std::string text;     ///< the repaired text; empty when \a repaired is empty
	std::string repaired; ///< "" (the input is to be read as it is) or what was repaired
};

/// \brief Undo the mis-decodings the corpus shows, each only when the whole reply has its
/// signature:
/// - "hex-ucs2", "hex-gsm7", "hex-gsm7-packed": the reply is only hex digits (at least 8,
///   even) and decodes to readable text; a reply that is only decimal digits is taken as
///   hex only when it is UCS-2 of ASCII or Cyrillic, so a number stays a number.
/// - "ucs2-low-bytes": in a country that writes Cyrillic, a reply of ASCII bytes with the
///   signature of UCS-2 Cyrillic whose high byte was dropped (U+0430 'а' -> '0', U+0410 'А'
///   -> 0x10): mapped back through the lexicon's Cyrillic words and letter by letter.
/// - "gsm7-as-ascii": GSM 7-bit national letters shown through ASCII ('{' for ä, '|' for
///   ö, '~' for ü, '}' for ñ, '[' '\\' ']' '^' for Ä Ö Ñ Ü) next to letters, in a reply with
///   no other non-ASCII character.
RepairedReply repairReply(std::string_view utf8, std::string_view country);

} /* namespace zanryo::extract */
