#pragma once

// Internal to the balance extractor: the raw (unfolded) word tables.

#include <vector>

#include "libmodem/balance/extract_lexicon.hpp"

namespace zanryo::extract {

struct RawWord {
	const char *text;
	Lex kind;
	std::int32_t value;
	std::uint8_t flags;
	const char *iso; ///< currency code, "?name", "=" (the code is the word), or error kind
};

/// Every word of every table, unfolded.
std::vector<RawWord> rawWords();

} /* namespace zanryo::extract */
