#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "libmodem/codec/result.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {

/// \brief TE character sets of AT+CSCS (TS 27.007 §5.5) that USSD decoding knows about.
enum class TeCharset {
	Gsm,   ///< "GSM": GSM 7-bit default alphabet (TS 23.038 §6.2.1)
	Ira,   ///< "IRA": International Reference Alphabet (ITU-T T.50, i.e. ASCII)
	Ucs2,  ///< "UCS2": 16-bit units as four hex digits each
	Hex,   ///< "HEX": every character or octet as two hex digits
	Utf8,  ///< "UTF-8": octets of UTF-8 (some Quectel/Telit firmwares offer it)
};

/// \brief Parse the +CSCS name ("GSM", "IRA", "UCS2", "HEX", "UTF-8"/"UTF8"); case does
/// not matter and surrounding double quotes are accepted. InvalidValue otherwise.
Result<TeCharset> parseTeCharset(std::string_view name);
/// \brief The +CSCS name of \a charset ("GSM", "IRA", "UCS2", "HEX", "UTF-8").
std::string_view teCharsetName(TeCharset charset) noexcept;

/// \brief A Cell Broadcast / USSD data coding scheme (TS 23.038 §5) taken apart.
struct CbsDcs {
	Alphabet alphabet = Alphabet::Gsm7;
	bool compressed = false;             ///< TS 23.042 compression (never decoded here)
	std::optional<int> messageClass;     ///< 0..3 when the DCS gives one
	std::string language;                ///< ISO 639-1 code when the DCS names one ("de", "ru")
	/// The language is not in the DCS but in the first characters of the message
	/// (coding group 0001: 0x10 and 0x11).
	bool languageInText = false;
};

/// \brief Decode a CBS/USSD DCS octet (TS 23.038 §5). Never fails: reserved coding
/// groups and reserved alphabets are read as the GSM 7-bit default alphabet, as §5 says.
CbsDcs decodeCbsDcs(std::uint8_t dcs) noexcept;

/// \brief A USSD text and how it was recovered from what the modem printed.
struct UssdText {
	std::string text;                    ///< always valid UTF-8
	Alphabet alphabet = Alphabet::Gsm7;  ///< alphabet of the interpretation that was used
	/// "plain", "hex-ucs2", "hex-gsm7-packed", "hex-gsm7-unpacked" or "hex-8bit".
	std::string decodedAs = "plain";
	std::string language;                ///< ISO 639 code from the DCS or the text, if any
};

/// \brief Turn the <str> of +CUSD into text.
///
/// The DCS and the TE charset say what the payload should be; modems do not always
/// follow them, so the bytes are examined as well. The rules, in order:
///  1. A payload that is not an even-length string of hex digits is plain text in the
///     TE charset; so is a hex string shorter than 8 digits (4 when the DCS or charset
///     says UCS-2 or HEX).
///  2. With an 8-bit DCS a hex payload is octets ("hex-8bit").
///  3. Otherwise each hex reading that is structurally possible (UCS-2 needs a multiple
///     of four digits, unpacked GSM needs every octet below 0x80) gets a score: the
///     share of characters that are ordinary text (letters, digits, spaces and common
///     punctuation of living scripts). A reading the DCS or charset announces (UCS-2
///     when either says UCS-2, unpacked with +CSCS="HEX") is taken when it scores at
///     least 0.8; otherwise the highest score wins, ties going in the order UCS-2,
///     packed, unpacked when UCS-2 is announced, else unpacked, packed, UCS-2.
///  4. A payload of decimal digits only is read as hex only when it is UCS-2 of Latin-1
///     text (00xx units) or when the DCS or charset says UCS-2 or HEX: "1000" is an
///     amount, not U+1000.
///  5. If no reading scores at least 0.8, the payload is plain text, unless the charset
///     is UCS2 or HEX (then the hex is certain and the best reading is kept).
/// \param payload the text between the quotes, as the modem printed it
/// \param dcs the third +CUSD field, when present
/// \param charset the +CSCS in effect
UssdText decodeUssdPayload(std::string_view payload, std::optional<int> dcs, TeCharset charset);

/// \brief Text the modem printed in a TE charset (not hex) to UTF-8. Bytes that are not
/// valid UTF-8 are read as ISO 8859-1 (SIM800 prints Latin-1 under +CSCS="IRA"); with
/// "GSM", control octets other than LF and CR are GSM 7-bit characters (0x00 is '@').
std::string teTextToUtf8(std::string_view text, TeCharset charset);

/// \brief One +CUSD unsolicited result or response (TS 27.007 §7.15).
struct CusdReply {
	int status = 0;                      ///< <m>: 0 done, 1 further action, 2 terminated, 3 other client, 4 not supported, 5 timeout
	std::optional<std::string> payload;  ///< <str> exactly as printed, quotes removed
	std::optional<int> dcs;              ///< <dcs>
	UssdText decoded;                    ///< payload decoded (empty text when there is none)
};

/// \brief Parse a +CUSD line such as `+CUSD: 0,"Balance 12.50",15`.
/// Quotes inside the text are kept (the closing quote is the last one that is followed
/// only by an optional ",<dcs>"); a trailing CR/LF is ignored. Errors name the offset:
/// Malformed (no "+CUSD:", missing closing quote, junk after the fields) or
/// InvalidValue (<m> outside 0..5, <dcs> outside 0..255).
Result<CusdReply> parseCusdLine(std::string_view line, TeCharset charset);

/// \brief Whether \a line holds a whole +CUSD result. False only when the payload's
/// opening quote has no closing quote yet: some modems print a text with line breaks
/// over several lines, and the AT layer joins them (with "\n") until this is true.
/// Lines that are not +CUSD are complete.
bool cusdLineIsComplete(std::string_view line) noexcept;

/// \brief How the <str> of AT+CUSD=1,<str>,<dcs> is written.
enum class UssdRequestEncoding {
	Plain,          ///< as is, for +CSCS="GSM" or "IRA" (ASCII only)
	Ucs2Hex,        ///< UCS-2 as hex, for +CSCS="UCS2"
	Gsm7PackedHex,  ///< packed GSM 7-bit as hex with §6.1.2.3.1 CR padding (Huawei, DCS 15)
};

/// \brief Maximum USSD string length: 160 octets of packed GSM 7-bit (TS 23.038 §6.1.2.3).
inline constexpr std::size_t kUssdMaxSeptets = 182;

/// \brief The <str> for AT+CUSD for the code or menu answer \a code ("*100#", "1", "yes").
/// Rejects (naming the offset) empty codes, invalid UTF-8, control characters, '"',
/// characters outside the GSM 7-bit default alphabet and more than 182 septets; Plain
/// also rejects non-ASCII characters.
Result<std::string> encodeUssdRequest(std::string_view code, UssdRequestEncoding enc);

} /* namespace zanryo */
