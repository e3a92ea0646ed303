#pragma once

// The QMI backend. No GLib or libqmi header is included here: libqmi-glib and its GLib
// main loop live in qmi_modem.cpp only (docs/architecture.md: "its GLib loop stays inside
// this folder").

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "libmodem/backend/modem.hpp"
#include "libmodem/backend/qmi_options.hpp"

namespace zanryo {

/// \brief A modem reached through its QMI control port (/dev/cdc-wdm0) with libqmi-glib.
///
/// A GLib main loop runs in a thread of its own with a GMainContext owned by this object;
/// every libqmi call is made there, and every result is handed back to the executor
/// given here with asio::post. The coroutine methods are called and resumed on that
/// executor only.
///
/// Works now: open/close (DMS, NAS and VOICE clients), identity() (DMS manufacturer,
/// model, revision, IMEI, DMS UIM IMSI and ICCID, NAS serving system) and USSD over the
/// VOICE service, SMS over WMS (Raw Send, new-message event reports read with Raw Read
/// and left stored, List Messages of both storages, Delete of the slots asked for).
class QmiModem final : public Modem
{
public:
	QmiModem(boost::asio::any_io_executor executor, std::string devicePath, QmiModemOptions options = {});
	~QmiModem() override;
	QmiModem(const QmiModem &) = delete;
	QmiModem &operator=(const QmiModem &) = delete;

	/// \brief Open the port (a missing path: state Absent, Errc::DeviceGone) (qmi_device_new + qmi_device_open with VERSION_INFO and SYNC,
	/// plus PROXY when asked) and allocate the DMS, NAS, VOICE and WMS clients. A missing
	/// VOICE, WMS or WDS service is not an error here: USSD, SMS or packet statistics then
	/// answer Errc::Unsupported. Once Ready, a port that vanishes makes the modem Gone and
	/// it reopens by itself with backoff (QmiModemOptions::reopenInitialDelay).
	boost::asio::awaitable<Result<void>> open() override;
	/// \brief Release the clients, close the port; waiting calls end with Errc::Cancelled.
	boost::asio::awaitable<void> close() override;
	ModemState state() const noexcept override;
	std::string_view transport() const noexcept override { return "qmi"; }
	const std::string &devicePath() const noexcept override { return path_; }

	boost::asio::awaitable<Result<ModemIdentity>> identity(bool refresh = false) override;

	/// \brief VOICE Originate USSD. Resolves with the network's final answer (status Done)
	/// or with its first menu (a USSD indication asking for a user action: status
	/// ActionRequired). Errc::Unsupported when the modem has no VOICE service or
	/// refuses the message (NotSupported, InvalidQmiCommand): the AT port is then the
	/// way to USSD (UssdFallbackModem, libmodem/backend/ussd_fallback_modem.hpp).
	boost::asio::awaitable<Result<UssdReply>> ussdInitiate(std::string code, Duration timeout) override;
	/// \brief VOICE Answer USSD, then the next menu or the final answer.
	boost::asio::awaitable<Result<UssdReply>> ussdRespond(std::string text, Duration timeout) override;
	/// \brief VOICE Cancel USSD.
	boost::asio::awaitable<Result<void>> ussdCancel() override;

	/// \brief WMS Raw Send of each SMS-SUBMIT part; messageRefs holds the WMS message ids.
	/// A network refusal (WmsCauseCode) is Errc::NetworkError with the RP and TP causes.
	boost::asio::awaitable<Result<SmsSendResult>> sendSms(std::string number, std::string text) override;
	/// \brief WMS List Messages of the UIM and NV storages, Raw Read of each, reassembled.
	boost::asio::awaitable<Result<std::vector<SmsMessage>>> listStoredSms() override;
	/// \brief The first message passing \a filter that the WMS event reports brought.
	boost::asio::awaitable<Result<SmsMessage>> waitSms(SmsFilter filter, Duration timeout) override;
	/// \brief WMS Delete of each slot (an index of 0x10000 and above is in the UIM
	/// storage, below it in NV: SmsMessage::storageIndexes).
	boost::asio::awaitable<Result<void>> deleteStoredSms(std::vector<int> storageIndexes) override;

	/// \brief WDS Get Packet Statistics: bytes OK (TLVs 0x19, 0x1A) and packets OK (0x10,
	/// 0x11). Errc::NotFound when no data call is up (OutOfCall), Errc::Unsupported
	/// without a WDS service.
	boost::asio::awaitable<Result<PacketStats>> packetStats() override;

	void setEventHandlers(ModemEventHandlers handlers) override;

	struct Impl;

private:
	std::string path_;
	std::shared_ptr<Impl> impl_;
};

} /* namespace zanryo */
