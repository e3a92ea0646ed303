// org.zanryo.Zanryo1.History of a modem object.
#include "modem_object.hpp"
#include "modem_service.hpp"

namespace zanryo {

std::tuple<std::vector<ModemObject::HistoryReadingStruct>, std::vector<sdbus::Struct<uint64_t, uint64_t>>>
ModemObject::GetHistory(const uint32_t &days)
{
	auto [readings, usage] = service_.history(days);
	std::vector<HistoryReadingStruct> r;
	r.reserve(readings.size());
	for (const HistoryReading &h : readings) {
		// The same encoding as the Balance properties: 0 / "" for what the reply did not state.
		r.emplace_back(uint64_t(h.at > 0 ? h.at : 0), h.source, h.dataRemaining.has_value(),
			       h.dataRemaining.value_or(0), h.dataTotal.value_or(0), h.dataUnlimited,
			       h.money ? h.money->toDecimal() : std::string(),
			       h.money ? h.money->currency : std::string(),
			       h.expiry ? dateToUnix(h.expiry->year, h.expiry->month, h.expiry->day) : uint64_t(0));
	}
	std::vector<sdbus::Struct<uint64_t, uint64_t>> u;
	u.reserve(usage.size());
	for (const HourlyUsage &h : usage)
		u.emplace_back(uint64_t(h.hourStart > 0 ? h.hourStart : 0), h.bytes);
	return { std::move(r), std::move(u) };
}

uint32_t ModemObject::RetentionDays()
{
	return service_.historyRetentionDays();
}

} /* namespace zanryo */
