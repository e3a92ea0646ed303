#pragma once

// Internal to the balance extractor: text normalization shared by its parts.

#include <cstddef>
#include <string>
#include <string_view>

namespace zanryo::extract {

/// Marker for no-break and thin spaces (U+00A0, U+202F, U+2009...): a space everywhere,
/// and also a thousands separator inside a number ("1 024,50").
inline constexpr char kThinSpace = '\x1f';

/// Decode one code point at \a i (advancing it); invalid UTF-8 yields U+FFFD and one byte.
char32_t decodeUtf8(std::string_view s, std::size_t &i) noexcept;

/// Fold \a utf8 for matching: lower case (Latin, Cyrillic, fullwidth), Latin diacritics
/// removed (á->a, ł->l, ı->i; đ is kept: it is the Vietnamese dong sign), every script's
/// decimal digits to ASCII, spaces unified ('\n' kept, NBSP-like -> kThinSpace), Arabic
/// and Persian letter variants unified, Latin look-alikes inside Cyrillic words made
/// Cyrillic ("pуб" -> "руб"). Never fails; output has no control bytes but '\n' and
/// kThinSpace.
std::string foldText(std::string_view utf8);

inline bool isAsciiDigit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool isAsciiLetter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool isSpace(char c) noexcept { return c == ' ' || c == kThinSpace || c == '\n'; }

/// Whether the code point is a letter of an alphabetic script where words are separated
/// by spaces (Latin, Cyrillic, Greek): keywords there must start on a word boundary.
bool isAlphabeticLetter(char32_t cp) noexcept;

/// The code point that ends just before byte \a end (0 when \a end is 0).
char32_t codepointBefore(std::string_view s, std::size_t end) noexcept;
/// The code point that starts at byte \a pos (0 at the end).
char32_t codepointAt(std::string_view s, std::size_t pos) noexcept;

} /* namespace zanryo::extract */

namespace zanryo::extract {

/// 0..9 for a decimal digit of any script extract knows, -1 otherwise.
int digitValue(char32_t cp) noexcept;

/// \a utf8 with only its digits made ASCII and no-break spaces made plain spaces: the text
/// a ReplyRule pattern is matched against (letters keep their case and accents).
std::string normalizeDigits(std::string_view utf8);

} /* namespace zanryo::extract */
