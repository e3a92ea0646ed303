// libFuzzer target for the zanryod.toml loader (daemon/config.cpp, compiled in: the fuzz
// build does not build daemon/). Any input is an error naming the file or a
// configuration zanryod can honour exactly: durations within 100 years, sizes within
// int64, min_interval within poll_interval, a USSD code that passes the D-Bus rule.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config.hpp"
#include "ussd_code.hpp"

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

void checkModem(const zanryo::ModemConfig &m)
{
	constexpr std::chrono::seconds kMax{ 100ll * 365 * 86400 };
	for (auto d : { m.pollInterval, m.jitter, m.minInterval, m.backoffMax, m.replyTimeout, m.usageInterval,
			m.alert.timeout })
		check(d.count() >= 0 && d <= kMax);
	check(m.minInterval <= m.pollInterval);
	check(m.usageInterval.count() >= 1);
	check(m.ussdCode.empty() || zanryo::isValidUssdCode(m.ussdCode));
	if (m.method == zanryo::QueryMethod::Ussd)
		check(!m.ussdCode.empty());
	if (m.thresholds.dataBytes)
		check(*m.thresholds.dataBytes <= std::uint64_t(INT64_MAX));
	if (m.plan.allowance)
		check(*m.plan.allowance <= std::uint64_t(INT64_MAX));
	if (m.thresholds.dataPercent)
		check(*m.thresholds.dataPercent <= 100);
	check(m.alert.command.empty() || (!m.alert.command[0].empty() && m.alert.command[0][0] == '/'));
}

} /* namespace */

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using namespace zanryo;
	std::string_view text(reinterpret_cast<const char *>(data), size);
	auto config = parseConfig(text, "fuzz.toml");
	if (!config) {
		check(config.error().code == make_error_code(Errc::ConfigError));
		check(config.error().message().rfind("fuzz.toml:", 0) == 0);
		return 0;
	}
	check(config->historyDays <= 3650);
	checkModem(config->defaults);
	for (const ModemConfig &m : config->modems) {
		checkModem(m);
		check(!m.device.empty());
	}
	return 0;
}
