#pragma once

// Internal to the balance extractor: numbers as carriers write them.

#include <cstdint>
#include <string_view>
#include <vector>

namespace zanryo::extract {

/// A decimal number found in folded text: value = mantissa / 10^scale, exact.
struct Number {
	std::uint32_t begin = 0; ///< first digit (or the '-' of a negative number)
	std::uint32_t end = 0;   ///< one past the last digit
	std::uint64_t mantissa = 0;
	int scale = 0;
	bool negative = false;
	int intDigits = 0;       ///< digits before the decimal mark
};

/// A byte range of the text that numbers must not be taken from (dates, times, codes).
struct Span {
	std::uint32_t begin;
	std::uint32_t end;
};

/// \brief Parse the number whose first digit is at \a pos.
///
/// Separators: when both '.' and ',' occur the last one is the decimal mark; repeated
/// marks and NBSP/apostrophe/space are thousands separators (groups of 3); a single mark
/// followed by exactly 3 digits is a thousands separator when \a decimalMark is the other
/// one ('b': both marks are decimal), or when it is 0 and the integer part is not 0 (so "0.977" and "8.672" in '.'
/// countries stay decimals, "Rp 10.000" is ten thousand). Returns false if the digits
/// overflow 18 significant digits.
bool parseNumberAt(std::string_view text, std::size_t pos, char decimalMark, Number &out);

/// Every number in \a text outside \a exclude, skipping USSD codes ("*105#") and digit
/// runs glued to letters on the left ("O2", "RC196").
std::vector<Number> scanNumbers(std::string_view text, char decimalMark,
				const std::vector<Span> &exclude);

} /* namespace zanryo::extract */
