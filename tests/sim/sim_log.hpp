#pragma once

#include <string>
#include <string_view>

namespace zanryo::sim {

/// One stderr line "2026-11-22T02:50:01.123Z <what>: <text>", control bytes shown as
/// <CR>, <LF>, <1A>...: tests and people read the AT traffic from it.
void logLine(std::string_view what, std::string_view text);

/// Bytes made readable for the log: printable ASCII and UTF-8 as they are, the rest as <XX>.
std::string printable(std::string_view bytes);

} /* namespace zanryo::sim */
