#include "units.hpp"

#include <cstdio>
#include <ctime>

namespace zanryo::ctl {

namespace {

std::string strftimeOf(std::uint64_t unix, const char *format, bool utc)
{
	std::time_t t = std::time_t(unix);
	std::tm tm{};
	if (utc)
		gmtime_r(&t, &tm);
	else
		localtime_r(&t, &tm);
	char buf[64];
	std::strftime(buf, sizeof buf, format, &tm);
	return buf;
}

} /* namespace */

ByteUnits &byteUnits()
{
	static ByteUnits units = ByteUnits::Binary;
	return units;
}

ByteScale byteScale(double bytes, ByteUnits units)
{
	static const char *const binary[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	static const char *const decimal[] = { "B", "kB", "MB", "GB", "TB" };
	const double base = units == ByteUnits::Binary ? 1024.0 : 1000.0;
	const char *const *names = units == ByteUnits::Binary ? binary : decimal;
	double divisor = 1;
	int u = 0;
	while (u < 4 && bytes >= divisor * base) {
		divisor *= base;
		u++;
	}
	return { names[u], divisor };
}

std::string formatBytes(std::uint64_t bytes, ByteUnits units)
{
	ByteScale s = byteScale(double(bytes), units);
	char buf[32];
	if (s.divisor == 1)
		std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
	else
		std::snprintf(buf, sizeof buf, "%.2f %s", double(bytes) / s.divisor, s.unit);
	return buf;
}

std::string formatBytes(std::uint64_t bytes)
{
	return formatBytes(bytes, byteUnits());
}

std::string localDateTime(std::uint64_t unix)
{
	return strftimeOf(unix, "%Y-%m-%d %H:%M:%S %Z", false);
}

std::string utcDate(std::uint64_t unix)
{
	return strftimeOf(unix, "%Y-%m-%d", true);
}

std::string isoLocal(std::uint64_t unix)
{
	// %z is "+0900"; ISO 8601 extended format wants "+09:00".
	std::string zone = strftimeOf(unix, "%z", false);
	std::string offset = zone.size() == 5 ? zone.substr(0, 3) + ":" + zone.substr(3) : zone;
	return strftimeOf(unix, "%Y-%m-%dT%H:%M:%S", false) + offset;
}

} /* namespace zanryo::ctl */
