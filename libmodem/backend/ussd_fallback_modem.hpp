#pragma once

#include <memory>

#include "libmodem/backend/modem.hpp"

namespace zanryo {

/// \brief One modem reached through two of its ports: everything through \a primary (the
/// QMI port), USSD through \a fallback (an AT port of the same device) when the primary
/// answers Errc::Unsupported.
///
/// Many QMI firmwares have no VOICE service, or refuse VOICE Originate USSD
/// (NotSupported, InvalidQmiCommand), yet answer AT+CUSD on their AT port (Quectel
/// EC25 data-only firmwares, Sierra MC7xxx). The fallback port is opened on first need,
/// so a modem whose QMI USSD works never has its AT port touched. A session started on
/// one port is answered and cancelled on that port. Identity, SMS and packet statistics
/// always go to the primary; so do the state and the device path.
class UssdFallbackModem final : public Modem
{
public:
	/// \param primary the modem the caller sees (QmiModem)
	/// \param fallback the AT port of the same device (AtModem), or null for none
	UssdFallbackModem(std::unique_ptr<Modem> primary, std::shared_ptr<Modem> fallback);

	boost::asio::awaitable<Result<void>> open() override;
	/// \brief Close both ports.
	boost::asio::awaitable<void> close() override;
	ModemState state() const noexcept override { return primary_->state(); }
	std::string_view transport() const noexcept override { return primary_->transport(); }
	const std::string &devicePath() const noexcept override { return primary_->devicePath(); }

	boost::asio::awaitable<Result<ModemIdentity>> identity(bool refresh = false) override;

	/// \brief USSD on the primary; on Errc::Unsupported, on the fallback port.
	boost::asio::awaitable<Result<UssdReply>> ussdInitiate(std::string code,
							       Duration timeout) override;
	boost::asio::awaitable<Result<UssdReply>> ussdRespond(std::string text,
							      Duration timeout) override;
	boost::asio::awaitable<Result<void>> ussdCancel() override;

	boost::asio::awaitable<Result<SmsSendResult>> sendSms(std::string number,
							      std::string text) override;
	boost::asio::awaitable<Result<std::vector<SmsMessage>>> listStoredSms() override;
	boost::asio::awaitable<Result<SmsMessage>> waitSms(SmsFilter filter,
							   Duration timeout) override;
	/// \brief On the primary, whose storage waitSms() and listStoredSms() read.
	boost::asio::awaitable<Result<void>> deleteStoredSms(std::vector<int> storageIndexes) override;
	boost::asio::awaitable<Result<PacketStats>> packetStats() override;

	/// \brief The primary gets every handler; the fallback only networkUssd.
	void setEventHandlers(ModemEventHandlers handlers) override;

	/// Whether the last USSD request went through the fallback port.
	bool lastUssdOnFallback() const noexcept { return onFallback_; }
	Modem &primary() { return *primary_; }

private:
	boost::asio::awaitable<Result<void>> openFallback();

	std::unique_ptr<Modem> primary_;
	std::shared_ptr<Modem> fallback_;
	bool onFallback_ = false; ///< the open (or last) USSD session is on the fallback
};

} /* namespace zanryo */
