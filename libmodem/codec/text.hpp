#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief Character repertoire of a message body (TS 23.038 §4 and §5).
enum class Alphabet {
	Gsm7,      ///< GSM 7-bit default alphabet (possibly with national language tables)
	EightBit,  ///< 8-bit data, not text
	Ucs2,      ///< UCS-2 / UTF-16BE
};

/// "gsm7", "8bit", "ucs2": the names used in JSON output and docs.
std::string_view alphabetName(Alphabet a) noexcept;

/// \brief Hex digits to bytes. Whitespace is not allowed; both cases accepted.
/// Errors name the offset of the first bad character (InvalidHex).
Result<std::vector<std::uint8_t>> hexDecode(std::string_view hex);
/// \brief Bytes to upper-case hex.
std::string hexEncode(std::span<const std::uint8_t> bytes);

/// \brief Append the UTF-8 form of \a cp (U+FFFD for surrogates and values > U+10FFFF).
void appendUtf8(std::string &out, char32_t cp);
/// \brief Decode UTF-8 leniently: each invalid sequence becomes U+FFFD.
std::u32string utf8ToCodepoints(std::string_view utf8);
/// \brief Whether \a s is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view s) noexcept;
/// \brief Length (1..4) of the well-formed UTF-8 sequence at \a pos, or 0 if the bytes
/// there do not start one (or \a pos is past the end).
std::size_t utf8SequenceLength(std::string_view s, std::size_t pos) noexcept;

/// \brief UTF-16BE (UCS-2 is a subset) to UTF-8. Unpaired surrogates and a trailing odd
/// byte become U+FFFD; never fails.
std::string utf16beToUtf8(std::span<const std::uint8_t> bytes);
/// \brief UTF-8 to UTF-16BE with surrogate pairs; invalid UTF-8 is reported (InvalidUtf8).
Result<std::vector<std::uint8_t>> utf8ToUtf16be(std::string_view utf8);

} /* namespace zanryo */
