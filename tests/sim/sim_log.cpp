#include "sim_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fmt/format.h>

namespace zanryo::sim {

std::string printable(std::string_view bytes)
{
	std::string out;
	for (unsigned char c : bytes) {
		if (c == '\r')
			out += "<CR>";
		else if (c == '\n')
			out += "<LF>";
		else if (c < 0x20 || c == 0x7F || c == 0xFF)
			out += fmt::format("<{:02X}>", c);
		else
			out += static_cast<char>(c);
	}
	return out;
}

void logLine(std::string_view what, std::string_view text)
{
	using namespace std::chrono;
	auto now = system_clock::now();
	std::time_t t = system_clock::to_time_t(now);
	auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
	std::tm tm{};
	gmtime_r(&t, &tm);
	char stamp[32];
	std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	std::string line = fmt::format("{}.{:03}Z {}: {}\n", stamp, ms, what, text);
	std::fwrite(line.data(), 1, line.size(), stderr);
	std::fflush(stderr);
}

} /* namespace zanryo::sim */
