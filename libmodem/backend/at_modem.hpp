#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "libmodem/at/at_channel.hpp"
#include "libmodem/backend/modem.hpp"
#include "libmodem/backend/quirks.hpp"
#include "libmodem/backend/sms_assembler.hpp"
#include "libmodem/backend/sms_inbox_driver.hpp"
#include "libmodem/backend/ussd_driver.hpp"
#include "libmodem/codec/ussd.hpp"

namespace zanryo {

struct AtModemOptions {
	AtChannelOptions channel;
	/// Timeout of ordinary commands (identity, settings, storage).
	std::chrono::milliseconds commandTimeout{ 5000 };
	/// A USSD session older than this is taken as abandoned: a new ussdInitiate()
	/// cancels it instead of answering Busy.
	std::chrono::seconds ussdStaleAfter{ 120 };
	/// An open USSD menu nobody answers for this long is cancelled (AT+CUSD=2); zero:
	/// kept open (issue 13 §6; zanryod's `ussd_menu_timeout`).
	std::chrono::milliseconds ussdMenuTimeout{ std::chrono::minutes(3) };
	/// How long a status 2/3 +CUSD with text waits for a status 0/1 that may follow.
	std::chrono::milliseconds ussdTerminatedGrace{ std::chrono::seconds(3) };
	/// Multipart SMS reassembly.
	SmsAssembler::Options sms;
	/// Directory for the parts of unfinished multipart SMS (empty: kept in memory only).
	std::filesystem::path smsStateDir;
	/// Read and deliver (smsReceived, waitSms) the messages found in storage at open, as
	/// the daemon wants; zanryoctl's direct mode does not. Nothing is deleted either way:
	/// the caller deletes what it consumed with deleteStoredSms().
	bool deliverStoredSms = false;
};

/// \brief Modem over an AT command port (TS 27.007, TS 27.005) with a quirk table row
/// for the firmware found at open.
class AtModem final : public Modem, public std::enable_shared_from_this<AtModem>, private UssdTransport
{
public:
	static std::shared_ptr<AtModem> create(boost::asio::any_io_executor executor, std::string path,
					       AtModemOptions options = {});
	~AtModem() override;

	boost::asio::awaitable<Result<void>> open() override;
	boost::asio::awaitable<void> close() override;
	ModemState state() const noexcept override { return state_; }
	std::string_view transport() const noexcept override { return "at"; }
	const std::string &devicePath() const noexcept override { return path_; }

	boost::asio::awaitable<Result<ModemIdentity>> identity(bool refresh = false) override;

	boost::asio::awaitable<Result<UssdReply>> ussdInitiate(std::string code, Duration timeout) override;
	boost::asio::awaitable<Result<UssdReply>> ussdRespond(std::string text, Duration timeout) override;
	boost::asio::awaitable<Result<void>> ussdCancel() override;

	boost::asio::awaitable<Result<SmsSendResult>> sendSms(std::string number, std::string text) override;
	boost::asio::awaitable<Result<std::vector<SmsMessage>>> listStoredSms() override;
	boost::asio::awaitable<Result<SmsMessage>> waitSms(SmsFilter filter, Duration timeout) override;
	/// \brief AT+CMGD=<index> for each (TS 27.005 §3.5.4).
	boost::asio::awaitable<Result<void>> deleteStoredSms(std::vector<int> storageIndexes) override;

	void setEventHandlers(ModemEventHandlers handlers) override { handlers_ = std::move(handlers); }

	/// The quirk row chosen at open.
	const ModemQuirks &quirks() const noexcept { return *quirks_; }
	TeCharset teCharset() const noexcept { return charset_; }
	/// The channel, for logs, statistics and tracing.
	AtChannel &channel() { return *channel_; }

	/// \brief Decode a +CUSD line as this modem writes it (quirk hint and TE charset).
	static Result<UssdReply> decodeCusd(std::string_view line, TeCharset charset,
					    CusdPayloadHint hint);

private:
	AtModem(boost::asio::any_io_executor executor, std::string path, AtModemOptions options);

	boost::asio::awaitable<Result<AtResponse>> at(std::string line);
	boost::asio::awaitable<Result<void>> initialise();
	// UssdTransport: what the USSD session (ussd_) does on this port.
	boost::asio::awaitable<Result<void>> sendUssd(std::string text, bool menuAnswer, Duration timeout) override;
	boost::asio::awaitable<Result<void>> cancelUssd() override;
	void notifyUssd(const UssdReply &reply) override;
	boost::asio::awaitable<Result<void>> sendCusdCancel(std::shared_ptr<AtModem> self);
	boost::asio::awaitable<void> readStoredMessage(std::shared_ptr<AtModem> self, int index);
	boost::asio::awaitable<void> reinitialise(std::shared_ptr<AtModem> self);

	void setState(ModemState s);
	void onUrc(const AtEvent &ev);
	void onCusd(const std::string &line);
	void onChannelState(AtChannelState s);
	void takePart(const std::string &pduHex, int storageIndex);

	boost::asio::any_io_executor executor_;
	std::string path_;
	AtModemOptions options_;
	std::shared_ptr<AtChannel> channel_;
	ModemState state_ = ModemState::Closed;
	ModemEventHandlers handlers_;
	const ModemQuirks *quirks_;
	TeCharset charset_ = TeCharset::Gsm;
	std::optional<ModemIdentity> identity_;

	// The USSD session (one at a time, TS 22.090 §4.1), its rules in UssdSession.
	std::unique_ptr<UssdDriver> ussd_;

	// SMS: reassembly, the recent ring, waiters and expiry are SmsInbox's.
	std::unique_ptr<FileSmsPartStore> smsStore_;
	std::unique_ptr<SmsInboxDriver> inbox_;
	std::uint16_t concatRef_;
};

} /* namespace zanryo */
