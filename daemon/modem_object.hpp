#pragma once

#include <string>
#include <vector>

#include <sdbus-c++/sdbus-c++.h>

#include "libmodem/balance/balance.hpp"

#include "zanryo1_adaptor.h"

namespace zanryo {

class ModemService;

namespace detail {

// Modem and Ussd both have a property named State; each shim gives one of them its own
// name so the object can answer both.
class ModemAdaptorShim : public org::zanryo::Zanryo1::Modem_adaptor
{
protected:
	using Modem_adaptor::Modem_adaptor;
	virtual std::string modemState() = 0;

private:
	std::string State() override { return modemState(); }
};

class UssdAdaptorShim : public org::zanryo::Zanryo1::Ussd_adaptor
{
protected:
	using Ussd_adaptor::Ussd_adaptor;
	virtual std::string ussdState() = 0;

private:
	std::string State() override { return ussdState(); }
};

} // namespace detail

/// The D-Bus face of one modem: Modem, Balance, Ussd and History interfaces on one path.
class ModemObject final
	: public sdbus::AdaptorInterfaces<detail::ModemAdaptorShim, org::zanryo::Zanryo1::Balance_adaptor,
					  detail::UssdAdaptorShim, org::zanryo::Zanryo1::Usage_adaptor,
					  org::zanryo::Zanryo1::History_adaptor>
{
public:
	static constexpr const char *kModemInterface = "org.zanryo.Zanryo1.Modem";
	static constexpr const char *kBalanceInterface = "org.zanryo.Zanryo1.Balance";
	static constexpr const char *kUssdInterface = "org.zanryo.Zanryo1.Ussd";
	static constexpr const char *kUsageInterface = "org.zanryo.Zanryo1.Usage";
	static constexpr const char *kHistoryInterface = "org.zanryo.Zanryo1.History";

	ModemObject(sdbus::IConnection &connection, std::string path, ModemService &service);
	~ModemObject();

	void changed(const char *interface, const std::vector<std::string> &properties);
	void low(const std::string &what, uint64_t value, uint64_t threshold);

private:
	// Modem
	std::map<std::string, std::string> GetIdentity() override;
	std::string Device() override;
	std::string Backend() override;
	std::string Manufacturer() override;
	std::string Model() override;
	std::string OperatorMccMnc() override;
	std::string OperatorName() override;
	std::string Provider() override;
	std::string modemState() override;
	std::string LastError() override;
	std::string Name() override;
	uint32_t ReplyTimeout() override;
	std::map<std::string, sdbus::Variant> Thresholds() override;
	// Balance
	void Refresh(sdbus::Result<std::map<std::string, sdbus::Variant>> &&result) override;
	uint64_t DataRemaining() override;
	uint64_t DataTotal() override;
	bool DataUnlimited() override;
	bool HasData() override;
	std::string Money() override;
	std::string Currency() override;
	uint64_t Expires() override;
	uint64_t UpdatedAt() override;
	std::string Source() override;
	std::string RawReply() override;
	bool Stale() override;
	int32_t DataUsedPercent() override;
	bool Throttled() override;
	bool DataLow() override;
	std::vector<sdbus::Struct<std::string, std::string, std::string, std::string, std::string, uint64_t, uint64_t>>
	Buckets() override;
	std::string Repaired() override;
	std::string Damaged() override;
	std::vector<std::string> Inferred() override;
	// Ussd
	void Initiate(sdbus::Result<std::string> &&result, std::string code) override;
	void Respond(sdbus::Result<std::string> &&result, std::string response) override;
	void Cancel(sdbus::Result<> &&result) override;
	std::string ussdState() override;
	// Usage
	uint64_t EstimatedDataRemaining() override;
	bool HasEstimate() override;
	uint64_t UsedThisPeriod() override;
	uint64_t PeriodStart() override;
	uint64_t PeriodEnd() override;
	uint32_t DaysLeft() override;
	uint64_t DailyAverage() override;
	uint64_t ProjectedRunOut() override;
	uint64_t Allowance() override;
	std::string Interface() override;
	// History (modem_object_history.cpp)
	using HistoryReadingStruct =
		sdbus::Struct<uint64_t, std::string, bool, uint64_t, uint64_t, bool, std::string, std::string, uint64_t>;
	std::tuple<std::vector<HistoryReadingStruct>, std::vector<sdbus::Struct<uint64_t, uint64_t>>>
	GetHistory(const uint32_t &days) override;
	uint32_t RetentionDays() override;

	ModemService &service_;
};

/// Unix seconds of UTC midnight of \a d (the Expires property).
uint64_t dateToUnix(int year, int month, int day);

/// One element of the Balance.Buckets property: (kind, label, unit, money, currency,
/// amount, expires).
using BucketStruct =
	sdbus::Struct<std::string, std::string, std::string, std::string, std::string, uint64_t, uint64_t>;

/// The Balance.Buckets value of \a buckets: one element per value, so a bucket that states
/// money and bytes (a ReplyRule may capture both) is two elements of the same kind and label.
std::vector<BucketStruct> bucketStructs(const std::vector<Bucket> &buckets);

} /* namespace zanryo */
