#pragma once

// Internal to the balance extractor: what a carrier's own notice says about the data
// allowance ("You have used 80% of your data", "пакет интернета исчерпан",
// "データ残量が残りわずかです", "speed reduced").

#include <cstdint>
#include <string_view>
#include <vector>

#include "libmodem/balance/balance.hpp"
#include "libmodem/balance/extract_lexicon.hpp"
#include "libmodem/balance/extract_number.hpp"

namespace zanryo::extract {

/// Set dataUsedPercent, dataExhausted, throttled and dataLow of \a b from the words and
/// numbers of folded text \a t before \a regionEnd, and make the data figures agree with
/// them (an exhausted allowance has 0 left). Runs after the data amounts are picked.
void pickNotice(std::string_view t, const std::vector<Number> &nums,
		const std::vector<LexHit> &hits, std::uint32_t regionEnd, Balance &b);

} /* namespace zanryo::extract */
