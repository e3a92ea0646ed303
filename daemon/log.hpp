#pragma once

#include <cstdio>
#include <utility>

#include <fmt/core.h>

namespace zanryo {

// Logs go to stderr with sd-daemon(3) level prefixes; journald turns them into
// priorities, a terminal shows them as they are.
template<typename... Args>
void logError(fmt::format_string<Args...> f, Args &&...args)
{
	fmt::print(stderr, "<3>{}\n", fmt::format(f, std::forward<Args>(args)...));
}

template<typename... Args>
void logWarning(fmt::format_string<Args...> f, Args &&...args)
{
	fmt::print(stderr, "<4>{}\n", fmt::format(f, std::forward<Args>(args)...));
}

template<typename... Args>
void logInfo(fmt::format_string<Args...> f, Args &&...args)
{
	fmt::print(stderr, "<6>{}\n", fmt::format(f, std::forward<Args>(args)...));
}

} /* namespace zanryo */
