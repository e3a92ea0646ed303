#pragma once

#include <utility>

#include <fmt/core.h>

#include "libmodem/log/log.hpp"

namespace zanryo {

// zanryod's messages go through the one log sink of libmodem (libmodem/log/log.hpp),
// which main() connects to the journal or stderr (log_sink.hpp).
template<typename... Args>
void logError(fmt::format_string<Args...> f, Args &&...args)
{
	log::write(log::Level::Error, {}, f, std::forward<Args>(args)...);
}

template<typename... Args>
void logWarning(fmt::format_string<Args...> f, Args &&...args)
{
	log::write(log::Level::Warning, {}, f, std::forward<Args>(args)...);
}

template<typename... Args>
void logInfo(fmt::format_string<Args...> f, Args &&...args)
{
	log::write(log::Level::Info, {}, f, std::forward<Args>(args)...);
}

} /* namespace zanryo */
