#include "bucket_render.hpp"

#include <fmt/core.h>

#include "units.hpp"

namespace zanryo::ctl {

using nlohmann::json;

std::string bucketLine(const client::Bucket &k)
{
	std::string line = k.kind;
	if (!k.label.empty())
		line += " (" + k.label + ")";
	line += ": ";
	if (k.unit == "money")
		line += k.currency.empty() ? k.money : k.money + " " + k.currency;
	else if (k.unit == "bytes")
		line += formatBytes(k.amount);
	else if (k.unit == "count")
		line += std::to_string(k.amount) + (k.kind == "sms" ? " SMS" : k.kind == "minutes" ? " min" : "");
	else
		line += "no amount stated";
	if (k.expires)
		line += ", expires " + utcDate(k.expires);
	return line;
}

json bucketsJson(const std::vector<client::Bucket> &buckets)
{
	json a = json::array();
	for (const client::Bucket &k : buckets) {
		json j;
		j["kind"] = k.kind;
		j["label"] = k.label;
		j["money"] = k.unit == "money" ? json{ { "amount", k.money }, { "currency", k.currency } } : json(nullptr);
		j["bytes"] = k.unit == "bytes" ? json(k.amount) : json(nullptr);
		j["count"] = k.unit == "count" ? json(k.amount) : json(nullptr);
		j["expires"] = k.expires ? json(utcDate(k.expires)) : json(nullptr);
		j["expiresAt"] = k.expires ? json(k.expires) : json(nullptr);
		a.push_back(std::move(j));
	}
	return a;
}

std::string readingCaveats(const client::Balance &b)
{
	std::string line;
	auto add = [&](const std::string &part) { line += (line.empty() ? "" : "; ") + part; };
	if (!b.repaired.empty())
		add("reply repaired (" + b.repaired + ")");
	if (!b.damaged.empty())
		add("SMS damaged (" + b.damaged + ")");
	for (const std::string &f : b.inferred)
		add(f + " inferred");
	return line;
}

} /* namespace zanryo::ctl */
