#pragma once

// Internal to the balance extractor: USSD menus ("1 Aufladen\n2 Guthaben...").

#include <cstddef>
#include <string_view>
#include <vector>

#include "libmodem/balance/balance.hpp"

namespace zanryo::extract {

struct MenuScan {
	bool isMenu = false;
	std::vector<MenuItem> items; ///< keys and labels from the raw text
	std::size_t firstItemLine = static_cast<std::size_t>(-1); ///< index of its line
	std::size_t inlineStart = static_cast<std::size_t>(-1);   ///< raw offset of "1." inline
};

/// \brief Find numbered options, one per line, in \a raw: at least two lines whose keys
/// are 1..99 in increasing order starting at 0, 1 or 2 (a "#." / "*" / "00" line may
/// follow); or options inline in one line (" 1. Goi cuoc 2. Nap tien"); or one last
/// line "2.Info Kartu" (key >= 2, short label without digits). A reply that ends with a
/// question mark is a menu without items.
MenuScan scanMenu(std::string_view raw);

/// Split text into lines the way foldText does ("\r\n", "\r", "\n", U+2028).
std::vector<std::string_view> splitLines(std::string_view text);

} /* namespace zanryo::extract */
