#include "libmodem/log/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace zanryo::log {

namespace detail {
// External linkage in namespace zanryo: the QMI module binds to the program's copy
// (qmi_host.list), so both write to one sink at one level.
std::atomic<int> currentLevel{ static_cast<int>(Level::Info) };
std::atomic<Sink> currentSink{ nullptr };
std::atomic<bool> currentUnmasked{ false };
} /* namespace detail */

std::string_view levelName(Level level) noexcept
{
	switch (level) {
	case Level::Error: return "error";
	case Level::Warning: return "warning";
	case Level::Notice: return "notice";
	case Level::Info: return "info";
	case Level::Debug: return "debug";
	case Level::Trace: return "trace";
	}
	return "?";
}

int syslogPriority(Level level) noexcept
{
	return level == Level::Trace ? 7 : static_cast<int>(level);
}

std::string formatRecord(const Record &record)
{
	if (record.modem.empty())
		return std::string(record.text);
	std::string out;
	out.reserve(record.modem.size() + 2 + record.text.size());
	out.append(record.modem).append(": ").append(record.text);
	return out;
}

void stderrSink(const Record &record)
{
	// One fwrite per record: lines of two threads do not interleave.
	std::string line = fmt::format("{}: {}\n", levelName(record.level), formatRecord(record));
	std::fwrite(line.data(), 1, line.size(), stderr);
	std::fflush(stderr);
}

void setSink(Sink sink) noexcept
{
	detail::currentSink.store(sink, std::memory_order_release);
}

void setLevel(Level level) noexcept
{
	detail::currentLevel.store(static_cast<int>(level), std::memory_order_relaxed);
}

Level level() noexcept
{
	return static_cast<Level>(detail::currentLevel.load(std::memory_order_relaxed));
}

void setUnmasked(bool unmasked) noexcept
{
	detail::currentUnmasked.store(unmasked, std::memory_order_relaxed);
}

bool unmasked() noexcept
{
	return detail::currentUnmasked.load(std::memory_order_relaxed);
}

void emit(const Record &record)
{
	Sink sink = detail::currentSink.load(std::memory_order_acquire);
	(sink ? sink : stderrSink)(record);
}

std::string timestamp()
{
	using namespace std::chrono;
	auto now = system_clock::now();
	std::time_t t = system_clock::to_time_t(now);
	auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
	std::tm tm{};
	::localtime_r(&t, &tm);
	return fmt::format("{:02}:{:02}:{:02}.{:03}", tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

} /* namespace zanryo::log */
