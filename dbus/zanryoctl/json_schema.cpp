#include "json_schema.hpp"

#include "bucket_render.hpp"
#include "units.hpp"

namespace zanryo::ctl {

using nlohmann::json;

json jsonDocument()
{
	return json{ { "schema", kJsonSchema } };
}

std::string jsonText(const json &j, bool indent)
{
	return j.dump(indent ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

void putExpires(json &j, std::uint64_t expires)
{
	j["expires"] = expires ? json(utcDate(expires)) : json(nullptr);
	j["expiresAt"] = expires ? json(expires) : json(nullptr);
}

json moneyJson(const std::string &amount, const std::string &currency)
{
	if (amount.empty())
		return nullptr;
	return json{ { "amount", amount }, { "currency", currency } };
}

json balanceJson(const client::Balance &b)
{
	json j;
	j["dataRemaining"] = b.hasData ? json(b.dataRemaining) : json(nullptr);
	j["dataTotal"] = b.dataTotal ? json(b.dataTotal) : json(nullptr);
	j["dataUnlimited"] = b.dataUnlimited;
	j["money"] = moneyJson(b.money, b.currency);
	putExpires(j, b.expires);
	j["updatedAt"] = b.updatedAt ? json(b.updatedAt) : json(nullptr);
	j["source"] = b.source;
	j["rawReply"] = b.rawReply;
	j["stale"] = b.stale;
	j["dataUsedPercent"] = b.dataUsedPercent >= 0 ? json(b.dataUsedPercent) : json(nullptr);
	j["throttled"] = b.throttled;
	j["dataLow"] = b.dataLow;
	j["buckets"] = bucketsJson(b.buckets);
	j["repaired"] = b.repaired.empty() ? json(nullptr) : json(b.repaired);
	j["damaged"] = b.damaged.empty() ? json(nullptr) : json(b.damaged);
	j["inferred"] = b.inferred;
	return j;
}

json usageJson(const client::Usage &u)
{
	if (!u.present)
		return nullptr;
	auto orNull = [](std::uint64_t v) { return v ? json(v) : json(nullptr); };
	json j;
	j["interface"] = u.interface;
	j["usedThisPeriod"] = u.usedThisPeriod;
	j["periodStart"] = orNull(u.periodStart);
	j["periodEnd"] = orNull(u.periodEnd);
	j["daysLeft"] = u.daysLeft;
	j["dailyAverage"] = u.dailyAverage;
	j["estimatedRemaining"] = u.hasEstimate ? json(u.estimatedRemaining) : json(nullptr);
	j["projectedRunOut"] = orNull(u.projectedRunOut);
	j["allowance"] = orNull(u.allowance);
	return j;
}

/// Modem.Thresholds under the names the rest of the schema uses; money in the balance's currency.
json thresholdsJson(const client::Thresholds &t, const std::string &currency)
{
	json j;
	j["dataBytes"] = t.dataBytes ? json(*t.dataBytes) : json(nullptr);
	j["dataPercent"] = t.dataPercent ? json(*t.dataPercent) : json(nullptr);
	j["money"] = moneyJson(t.money, currency);
	j["expiryDays"] = t.expiryDays ? json(*t.expiryDays) : json(nullptr);
	j["runOut"] = t.runOut;
	return j;
}

json modemJson(const client::ModemStatus &m)
{
	json j;
	j["path"] = m.path;
	j["id"] = m.path.substr(m.path.rfind('/') + 1);
	j["name"] = m.name;
	j["device"] = m.device;
	j["backend"] = m.backend;
	j["manufacturer"] = m.manufacturer;
	j["model"] = m.model;
	j["operatorMccMnc"] = m.operatorMccMnc;
	j["operatorName"] = m.operatorName;
	j["provider"] = m.provider;
	j["state"] = m.state;
	j["lastError"] = m.lastError;
	j["replyTimeout"] = m.replyTimeout ? json(m.replyTimeout) : json(nullptr);
	j["thresholds"] = thresholdsJson(m.thresholds, m.balance.currency);
	j["balance"] = balanceJson(m.balance);
	j["usage"] = usageJson(m.usage);
	return j;
}

} /* namespace zanryo::ctl */
