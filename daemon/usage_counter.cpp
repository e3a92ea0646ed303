#include "usage_counter.hpp"

#include <fstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace zanryo {

namespace {

using json = nlohmann::json;

constexpr int kUsageFormatVersion = 1;

std::uint64_t advance(std::uint64_t before, std::uint64_t now)
{
	// Lower than before: the kernel restarted this counter from zero (a driver reset,
	// or a 32-bit counter on a 32-bit router wrapping), so everything it shows is new.
	return now >= before ? now - before : now;
}

} /* namespace */

UsageCounter::UsageCounter(UsageState restored, std::string bootId) : state_(std::move(restored))
{
	if (state_.bootId != bootId) {
		// Every interface came up again after the reboot with counters from zero: what they
		// show now was all carried since (ifindex 0 matches whatever index they got).
		for (auto &[name, c] : state_.last)
			c = InterfaceCounters{};
		state_.bootId = std::move(bootId);
	}
}

std::uint64_t UsageCounter::add(const std::string &name, const InterfaceCounters &now)
{
	auto it = state_.last.find(name);
	if (it == state_.last.end()) {
		state_.last.emplace(name, now);
		return 0;
	}
	InterfaceCounters &before = it->second;
	std::uint64_t bytes;
	if (before.ifindex != 0 && before.ifindex != now.ifindex)
		bytes = now.rxBytes + now.txBytes; // re-created: its counters started at zero
	else
		bytes = advance(before.rxBytes, now.rxBytes) + advance(before.txBytes, now.txBytes);
	before = now;
	state_.periodBytes += bytes;
	state_.totalBytes += bytes;
	return bytes;
}

void UsageCounter::startPeriod(std::int64_t start)
{
	state_.periodStart = start;
	state_.periodBytes = 0;
}

void UsageCounter::markReport(std::int64_t at)
{
	state_.reportMark = state_.totalBytes;
	state_.reportAt = at;
}

std::string serializeUsageState(const UsageState &s)
{
	json j;
	j["version"] = kUsageFormatVersion;
	j["periodBytes"] = s.periodBytes;
	j["periodStart"] = s.periodStart;
	j["totalBytes"] = s.totalBytes;
	j["reportMark"] = s.reportMark;
	j["reportAt"] = s.reportAt;
	j["bootId"] = s.bootId;
	json ifs = json::object();
	for (const auto &[name, c] : s.last)
		ifs[name] = { { "ifindex", c.ifindex }, { "rxBytes", c.rxBytes }, { "txBytes", c.txBytes } };
	j["interfaces"] = std::move(ifs);
	return j.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

Result<UsageState> parseUsageState(std::string_view text)
{
	json j = json::parse(text, nullptr, false);
	if (j.is_discarded() || !j.is_object())
		return makeError(Errc::Malformed, "usage state is not a JSON object");
	if (!j.contains("version") || j["version"] != kUsageFormatVersion)
		return makeError(Errc::Malformed, "usage state has an unknown format version");
	UsageState s;
	auto u64 = [&](const json &o, const char *key, std::uint64_t &out) {
		if (!o.contains(key) || !o[key].is_number_unsigned())
			return false;
		out = o[key].get<std::uint64_t>();
		return true;
	};
	auto i64 = [&](const char *key, std::int64_t &out) {
		if (!j.contains(key) || !j[key].is_number_integer())
			return false;
		out = j[key].get<std::int64_t>();
		return true;
	};
	for (const char *key : { "periodBytes", "totalBytes", "reportMark" }) {
		std::uint64_t v = 0;
		if (!u64(j, key, v))
			return makeError(Errc::Malformed, fmt::format("usage state: {} must be a byte count", key));
		if (std::string_view(key) == "periodBytes")
			s.periodBytes = v;
		else if (std::string_view(key) == "totalBytes")
			s.totalBytes = v;
		else
			s.reportMark = v;
	}
	if (s.reportMark > s.totalBytes)
		return makeError(Errc::Malformed, "usage state: reportMark is beyond totalBytes");
	if (!i64("periodStart", s.periodStart) || !i64("reportAt", s.reportAt))
		return makeError(Errc::Malformed, "usage state: periodStart and reportAt must be integers");
	if (!j.contains("bootId") || !j["bootId"].is_string())
		return makeError(Errc::Malformed, "usage state: bootId must be a string");
	s.bootId = j["bootId"].get<std::string>();
	if (!j.contains("interfaces") || !j["interfaces"].is_object())
		return makeError(Errc::Malformed, "usage state: interfaces must be an object");
	for (const auto &[name, o] : j["interfaces"].items()) {
		InterfaceCounters c;
		if (!o.is_object() || !u64(o, "ifindex", c.ifindex) || !u64(o, "rxBytes", c.rxBytes) ||
		    !u64(o, "txBytes", c.txBytes))
			return makeError(Errc::Malformed,
					 fmt::format("usage state: interface '{}' needs ifindex, rxBytes, txBytes", name));
		s.last.emplace(name, c);
	}
	return s;
}

std::string readBootId(const std::string &path)
{
	std::ifstream in(path);
	std::string id;
	std::getline(in, id);
	return id;
}

} /* namespace zanryo */
