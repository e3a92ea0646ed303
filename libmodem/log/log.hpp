#pragma once

// The project's one log: levels, a process-wide sink the program sets (zanryod: the
// journal or stderr; zanryoctl: stderr), and nothing else. No logging library: a record
// is a level, the modem it concerns (may be empty) and a text. A call whose level is off
// costs one relaxed atomic load: the arguments are not formatted.

#include <atomic>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace zanryo::log {

/// \brief Levels, with syslog(3) priorities where syslog has one; Trace is the wire
/// dialogue (AT lines, QMI messages) and goes out as LOG_DEBUG.
enum class Level : int {
	Error = 3,
	Warning = 4,
	Notice = 5,
	Info = 6,
	Debug = 7,
	Trace = 8,
};

/// \brief "error", "warning", "notice", "info", "debug", "trace".
std::string_view levelName(Level level) noexcept;
/// \brief The syslog(3) priority of \a level (Trace is LOG_DEBUG, 7).
int syslogPriority(Level level) noexcept;

/// \brief One message. \a modem is the configured name of the modem it concerns (or its
/// device path), empty when none; \a text does not repeat it.
struct Record {
	Level level;
	std::string_view modem;
	std::string_view text;
};

/// \brief Where records go. Called from any thread (the QMI backend's GLib thread
/// too), so a sink must be thread-safe; one call per record.
using Sink = void (*)(const Record &record);

/// \brief "name: text" (or "text" without a modem): how every sink shows a record.
std::string formatRecord(const Record &record);

/// \brief The sink used until the program sets one: readable text on stderr
/// ("warning: ..."), Info and above.
void stderrSink(const Record &record);

/// \brief Set the process-wide sink (nullptr: stderrSink). Set it once, at start, before
/// other threads log.
void setSink(Sink sink) noexcept;
/// \brief Records above \a level (more verbose) are dropped; default Info.
void setLevel(Level level) noexcept;
Level level() noexcept;

/// \brief Personal identifiers (IMSI, ICCID, IMEI, phone numbers) in traces are masked
/// unless this is set on purpose (zanryod --debug=unmasked). Default: masked.
void setUnmasked(bool unmasked) noexcept;
bool unmasked() noexcept;

namespace detail {
extern std::atomic<int> currentLevel;
} /* namespace detail */

/// \brief True when a record of \a level would be written.
inline bool enabled(Level l) noexcept
{
	return static_cast<int>(l) <= detail::currentLevel.load(std::memory_order_relaxed);
}

/// \brief Hand \a record to the sink whatever the level (a modem with `trace = true`).
void emit(const Record &record);

template<typename... Args>
void write(Level l, std::string_view modem, fmt::format_string<Args...> f, Args &&...args)
{
	if (!enabled(l))
		return;
	std::string text = fmt::format(f, std::forward<Args>(args)...);
	emit(Record{ l, modem, text });
}

template<typename... Args>
void error(fmt::format_string<Args...> f, Args &&...args)
{
	write(Level::Error, {}, f, std::forward<Args>(args)...);
}

template<typename... Args>
void warning(fmt::format_string<Args...> f, Args &&...args)
{
	write(Level::Warning, {}, f, std::forward<Args>(args)...);
}

template<typename... Args>
void notice(fmt::format_string<Args...> f, Args &&...args)
{
	write(Level::Notice, {}, f, std::forward<Args>(args)...);
}

template<typename... Args>
void info(fmt::format_string<Args...> f, Args &&...args)
{
	write(Level::Info, {}, f, std::forward<Args>(args)...);
}

template<typename... Args>
void debug(fmt::format_string<Args...> f, Args &&...args)
{
	write(Level::Debug, {}, f, std::forward<Args>(args)...);
}

/// \brief "12:34:56.789": local wall-clock time with milliseconds, for trace lines
/// (the journal keeps its own timestamps; `journalctl -o cat` and a terminal do not).
std::string timestamp();

} /* namespace zanryo::log */
