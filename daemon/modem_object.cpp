#include "modem_object.hpp"

#include <algorithm>
#include <limits>

#include "caller_auth.hpp"
#include "modem_service.hpp"
#include "thresholds.hpp"

namespace zanryo {

uint64_t dateToUnix(int year, int month, int day)
{
	std::int64_t days = daysBetween(Date{ 1970, 1, 1 }, Date{ year, month, day });
	return days < 0 ? 0 : uint64_t(days) * 86400u;
}

std::vector<BucketStruct> bucketStructs(const std::vector<Bucket> &buckets)
{
	std::vector<BucketStruct> out;
	for (const Bucket &k : buckets) {
		uint64_t expires = k.expiry ? dateToUnix(k.expiry->year, k.expiry->month, k.expiry->day) : 0;
		auto add = [&](const char *unit, std::string money, std::string currency, uint64_t amount) {
			out.emplace_back(k.name, k.label, std::string(unit), std::move(money), std::move(currency),
					 amount, expires);
		};
		if (k.money)
			add("money", k.money->toDecimal(), k.money->currency, 0);
		if (k.dataBytes)
			add("bytes", "", "", *k.dataBytes);
		if (k.count)
			add("count", "", "", *k.count);
		if (!k.money && !k.dataBytes && !k.count)
			add("", "", "", 0); // a rule that captured only the bucket's expiry
	}
	return out;
}

ModemObject::ModemObject(sdbus::IConnection &connection, std::string path, ModemService &service)
	: AdaptorInterfaces(connection, std::move(path)), service_(service)
{
	registerAdaptor();
	getObject().emitInterfacesAddedSignal();
}

// Signals on a connection that just broke fail (sd-bus: ENOTCONN); BusLoop sees the same
// break on its next turn and ends the daemon, so a signal that cannot go is dropped here
// instead of unwinding the modem's coroutine or a destructor.

ModemObject::~ModemObject()
{
	try {
		getObject().emitInterfacesRemovedSignal();
	} catch (const sdbus::Error &) {
	}
	unregisterAdaptor();
}

void ModemObject::changed(const char *interface, const std::vector<std::string> &properties)
{
	if (properties.empty())
		return;
	try {
		getObject().emitPropertiesChangedSignal(interface, properties);
	} catch (const sdbus::Error &) {
	}
}

void ModemObject::low(const std::string &what, uint64_t value, uint64_t threshold)
{
	try {
		emitLow(what, value, threshold);
	} catch (const sdbus::Error &) {
	}
}

std::map<std::string, std::string> ModemObject::GetIdentity()
{
	if (auto refused = refusePrivileged(getObject(), "GetIdentity"))
		throw *refused;
	return service_.identityForPrivilegedCaller();
}

std::string ModemObject::Device()
{
	return service_.snapshot().device;
}
std::string ModemObject::Backend()
{
	return service_.snapshot().backend;
}
std::string ModemObject::Manufacturer()
{
	return service_.snapshot().identity.manufacturer;
}
std::string ModemObject::Model()
{
	return service_.snapshot().identity.model;
}

std::string ModemObject::OperatorMccMnc()
{
	const ModemIdentity &id = service_.snapshot().identity;
	if (id.operatorMcc.empty())
		return {};
	return id.operatorMcc + "-" + id.operatorMnc;
}

std::string ModemObject::OperatorName()
{
	return service_.snapshot().identity.operatorName;
}
std::string ModemObject::Provider()
{
	return service_.snapshot().provider;
}
std::string ModemObject::modemState()
{
	return service_.snapshot().state;
}
std::string ModemObject::LastError()
{
	return service_.snapshot().lastError;
}
std::string ModemObject::Name()
{
	return service_.config().name;
}
std::map<std::string, sdbus::Variant> ModemObject::Thresholds()
{
	// Keyed as Balance.Low's "what" (thresholds.cpp), so a client can show both together.
	const zanryo::Thresholds &t = service_.config().thresholds;
	std::map<std::string, sdbus::Variant> out;
	if (t.dataBytes)
		out.emplace("data-bytes", sdbus::Variant(uint64_t(*t.dataBytes)));
	if (t.dataPercent)
		out.emplace("data-percent", sdbus::Variant(uint32_t(*t.dataPercent)));
	if (t.money)
		out.emplace("money", sdbus::Variant(*t.money));
	if (t.expiryDays)
		out.emplace("expiry-days", sdbus::Variant(uint32_t(*t.expiryDays)));
	if (t.runOut)
		out.emplace("run-out", sdbus::Variant(true));
	return out;
}

uint32_t ModemObject::ReplyTimeout()
{
	// The same duration the query passes to ussdInitiate and the SMS wait (modem_service.cpp).
	return uint32_t(std::min<std::chrono::seconds::rep>(service_.config().replyTimeout.count(), std::numeric_limits<uint32_t>::max()));
}

void ModemObject::Refresh(sdbus::Result<std::map<std::string, sdbus::Variant>> &&result)
{
	if (auto refused = refusePrivileged(getObject(), "Refresh"))
		return result.returnError(*refused);
	service_.refresh(std::move(result));
}

namespace {

const Balance *balanceOf(const ModemService &s)
{
	return s.snapshot().balance ? &s.snapshot().balance->balance : nullptr;
}

} // namespace

uint64_t ModemObject::DataRemaining()
{
	const Balance *b = balanceOf(service_);
	return b && b->dataRemaining ? *b->dataRemaining : 0;
}

uint64_t ModemObject::DataTotal()
{
	const Balance *b = balanceOf(service_);
	return b && b->dataTotal ? *b->dataTotal : 0;
}

bool ModemObject::DataUnlimited()
{
	const Balance *b = balanceOf(service_);
	return b && b->dataUnlimited;
}

bool ModemObject::HasData()
{
	const Balance *b = balanceOf(service_);
	return b && b->dataRemaining.has_value();
}

std::string ModemObject::Money()
{
	const Balance *b = balanceOf(service_);
	return b && b->money ? b->money->toDecimal() : std::string();
}

std::string ModemObject::Currency()
{
	const Balance *b = balanceOf(service_);
	return b && b->money ? b->money->currency : std::string();
}

uint64_t ModemObject::Expires()
{
	const Balance *b = balanceOf(service_);
	return b && b->expiry ? dateToUnix(b->expiry->year, b->expiry->month, b->expiry->day) : 0;
}

uint64_t ModemObject::UpdatedAt()
{
	const auto &stored = service_.snapshot().balance;
	return stored && stored->updatedAt > 0 ? uint64_t(stored->updatedAt) : 0;
}

std::string ModemObject::Source()
{
	const auto &stored = service_.snapshot().balance;
	return stored ? stored->source : std::string();
}

std::string ModemObject::RawReply()
{
	const Balance *b = balanceOf(service_);
	return b ? b->raw : std::string();
}

bool ModemObject::Stale()
{
	return service_.snapshot().stale;
}

int32_t ModemObject::DataUsedPercent()
{
	const Balance *b = balanceOf(service_);
	return b && b->dataUsedPercent ? *b->dataUsedPercent : -1;
}

bool ModemObject::Throttled()
{
	const Balance *b = balanceOf(service_);
	return b && b->throttled;
}

bool ModemObject::DataLow()
{
	const Balance *b = balanceOf(service_);
	return b && b->dataLow;
}

std::vector<BucketStruct> ModemObject::Buckets()
{
	const Balance *b = balanceOf(service_);
	return b ? bucketStructs(b->buckets) : std::vector<BucketStruct>{};
}

std::string ModemObject::Repaired()
{
	const Balance *b = balanceOf(service_);
	return b ? b->repaired : std::string();
}

std::string ModemObject::Damaged()
{
	const auto &stored = service_.snapshot().balance;
	return stored ? stored->damaged : std::string();
}

std::vector<std::string> ModemObject::Inferred()
{
	const Balance *b = balanceOf(service_);
	return b ? b->inferred : std::vector<std::string>{};
}

void ModemObject::Initiate(sdbus::Result<std::string> &&result, std::string code)
{
	if (auto refused = refusePrivileged(getObject(), "Initiate"))
		return result.returnError(*refused);
	service_.ussdInitiate(std::move(result), std::move(code));
}

void ModemObject::Respond(sdbus::Result<std::string> &&result, std::string response)
{
	if (auto refused = refusePrivileged(getObject(), "Respond"))
		return result.returnError(*refused);
	service_.ussdRespond(std::move(result), std::move(response));
}

void ModemObject::Cancel(sdbus::Result<> &&result)
{
	if (auto refused = refusePrivileged(getObject(), "Cancel"))
		return result.returnError(*refused);
	service_.ussdCancel(std::move(result));
}

std::string ModemObject::ussdState()
{
	return service_.snapshot().ussdState;
}

namespace {

UsageFigures usageOf(ModemService &s)
{
	UsageMonitor *u = s.usage();
	return u ? u->figures() : UsageFigures{};
}

uint64_t unsignedTime(std::int64_t t)
{
	return t > 0 ? uint64_t(t) : 0;
}

} // namespace

uint64_t ModemObject::EstimatedDataRemaining()
{
	return usageOf(service_).estimatedRemaining;
}
bool ModemObject::HasEstimate()
{
	return usageOf(service_).hasEstimate;
}
uint64_t ModemObject::UsedThisPeriod()
{
	return usageOf(service_).usedThisPeriod;
}
uint64_t ModemObject::PeriodStart()
{
	return unsignedTime(usageOf(service_).periodStart);
}
uint64_t ModemObject::PeriodEnd()
{
	return unsignedTime(usageOf(service_).periodEnd);
}
uint32_t ModemObject::DaysLeft()
{
	return usageOf(service_).daysLeft;
}
uint64_t ModemObject::DailyAverage()
{
	return usageOf(service_).dailyAverage;
}
uint64_t ModemObject::ProjectedRunOut()
{
	return unsignedTime(usageOf(service_).projectedRunOut);
}

uint64_t ModemObject::Allowance()
{
	const Plan &plan = service_.config().plan;
	return plan.allowance && !plan.unlimited ? *plan.allowance : 0;
}

std::string ModemObject::Interface()
{
	UsageMonitor *u = service_.usage();
	return u ? u->interfaceNames() : std::string();
}

} /* namespace zanryo */
