#include "hook_env.hpp"

#include <fmt/core.h>

namespace zanryo {

std::map<std::string, std::string> hookEnvironment(const HookModem &modem,
						   const StoredBalance &reading,
						   const LowEvent *low, const UsageFigures *usage)
{
	const Balance &b = reading.balance;
	std::map<std::string, std::string> env;
	env["ZANRYO_EVENT"] = low ? "low" : "reading";
	env["ZANRYO_MODEM"] = modem.path;
	env["ZANRYO_DEVICE"] = modem.device;
	env["ZANRYO_NAME"] = modem.name;
	env["ZANRYO_PROVIDER"] = modem.provider;
	env["ZANRYO_WHAT"] = low ? low->what : "";
	env["ZANRYO_VALUE"] = low ? fmt::format("{}", low->value) : "";
	env["ZANRYO_THRESHOLD"] = low ? fmt::format("{}", low->threshold) : "";
	env["ZANRYO_DATA_REMAINING"] = b.dataRemaining ? fmt::format("{}", *b.dataRemaining) : "";
	env["ZANRYO_DATA_TOTAL"] = b.dataTotal ? fmt::format("{}", *b.dataTotal) : "";
	env["ZANRYO_DATA_UNLIMITED"] = b.dataUnlimited ? "1" : "0";
	env["ZANRYO_MONEY"] = b.money ? b.money->toDecimal() : "";
	env["ZANRYO_CURRENCY"] = b.money ? b.money->currency : "";
	env["ZANRYO_EXPIRES"] = b.expiry ? b.expiry->iso() : "";
	env["ZANRYO_UPDATED_AT"] =
		reading.updatedAt > 0 ? fmt::format("{}", reading.updatedAt) : "";
	env["ZANRYO_SOURCE"] = reading.source;
	env["ZANRYO_RAW_REPLY"] = b.raw;
	auto number = [](bool known, auto v) {
		return known ? fmt::format("{}", v) : std::string();
	};
	env["ZANRYO_USED_THIS_PERIOD"] =
		number(usage != nullptr, usage ? usage->usedThisPeriod : 0);
	env["ZANRYO_ESTIMATED_REMAINING"] =
		number(usage && usage->hasEstimate, usage ? usage->estimatedRemaining : 0);
	env["ZANRYO_RUN_OUT"] =
		number(usage && usage->projectedRunOut != 0, usage ? usage->projectedRunOut : 0);
	return env;
}

} /* namespace zanryo */
