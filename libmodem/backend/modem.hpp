#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief Life cycle of a modem as the daemon sees it. Every transport reports the same
/// states; the daemon publishes them on D-Bus and schedules queries only in Ready.
///
/// Closed -> open() -> Absent (path missing, retrying) | Opening -> Ready.
/// Ready -> (port vanished: USB re-enumeration, modem reset) -> Gone -> Opening -> Ready.
/// Any -> close() -> Closed. A device that answers but is not a modem ends in Failed.
/// "Busy" is not a state: a modem is Ready while it runs a query; a second USSD session
/// is refused per call with Errc::Busy.
enum class ModemState {
	Closed,   ///< not opened yet, or closed on request
	Absent,   ///< open() was asked but the device path does not exist; retrying with backoff
	Opening,  ///< the port is open and the initialisation commands run
	Ready,    ///< initialised; queries are accepted
	Gone,     ///< the port vanished after it was open; reopening with backoff
	Failed,   ///< the device does not behave as a modem (NotAModem); no retry
};

/// "closed", "absent", "opening", "ready", "gone", "failed": names used on D-Bus and in logs.
std::string_view modemStateName(ModemState state) noexcept;

/// \brief Who the modem and its SIM are. Fields the modem does not report stay empty.
struct ModemIdentity {
	std::string manufacturer;  ///< +CGMI (TS 27.007 §5.1)
	std::string model;         ///< +CGMM (§5.2)
	std::string revision;      ///< +CGMR (§5.3)
	std::string imei;          ///< +CGSN (§5.4)
	std::string imsi;          ///< +CIMI (§5.6)
	std::string iccid;         ///< +CCID or a vendor variant (^ICCID, +QCCID, +ICCID, ...)
	std::string msisdn;        ///< the SIM's own number: +CNUM (§7.1), QMI DMS Get MSISDN
	std::string spn;           ///< EF_SPN (TS 31.102 §4.2.12) through +CRSM, when readable
	std::string operatorMcc;   ///< from +COPS numeric format (§7.3)
	std::string operatorMnc;
	std::string operatorName;  ///< +COPS long alphanumeric format
};

/// \brief Outcome of a USSD exchange: the <m> of +CUSD (TS 27.007 §7.15).
enum class UssdStatus {
	Done,            ///< 0: no further user action required (session closed)
	ActionRequired,  ///< 1: the network shows a menu and waits for ussdRespond()
	Terminated,      ///< 2: USSD terminated by the network
	OtherClient,     ///< 3: another local client has responded
	NotSupported,    ///< 4: operation not supported (wrong code for this network)
	Timeout,         ///< 5: network time out
};

/// "done", "action-required", "terminated", "other-client", "not-supported", "timeout".
std::string_view ussdStatusName(UssdStatus status) noexcept;

/// \brief One USSD message from the network, decoded.
struct UssdReply {
	UssdStatus status = UssdStatus::Done;
	std::string text;   ///< the decoded text in UTF-8 (empty when the network sent none)
	int dcs = -1;       ///< the <dcs> of TS 23.038 §5, -1 when the modem gave none
	std::string raw;    ///< the line(s) as the modem sent them, for logs and bug reports
	bool networkInitiated = false;  ///< arrived with no request of ours open
};

/// \brief A received short message, reassembled from its parts (TS 23.040 §9.2.3.24.1).
struct SmsMessage {
	std::string sender;     ///< "+819012345678", "3080", or an alphanumeric name
	std::string text;       ///< UTF-8; parts in order, missing parts left out
	std::string timestamp;  ///< service-centre time stamp of the first part (ISO 8601), or empty
	std::chrono::system_clock::time_point received{};  ///< when the last part arrived here
	unsigned partsReceived = 1;
	unsigned partsTotal = 1;
	bool complete = true;   ///< false when parts were still missing at the timeout
	/// Where the parts are kept in the modem's message storage (AT: the +CMTI/+CMGL
	/// <index>; QMI: the WMS memory index, plus 0x10000 for the UIM storage), empty for
	/// parts routed directly (+CMT). deleteStoredSms() takes these.
	std::vector<int> storageIndexes;
	/// "" when every part decoded cleanly; else what was wrong with the PDU(s) that were
	/// decoded leniently (SmsPdu::damaged), "part N: " before each of a multi-part message.
	std::string damaged;
};

/// \brief Which received messages waitSms() takes.
struct SmsFilter {
	/// Expected senders; a message from anyone else is never returned (a spoofed SMS
	/// must not pass for the carrier's reply). Empty: any sender. Compared with
	/// senderMatches(): "+81...", "0081..." and national "0..." forms are the same
	/// number, alphanumeric names compare without case.
	std::vector<std::string> senders;
	/// Also take messages that arrived at or after this time, before waitSms() was called
	/// (a reply can come back before the caller starts waiting). Empty: only new ones.
	std::optional<std::chrono::system_clock::time_point> since;
};

/// \brief What sendSms() did: one TP-MR per part sent (TS 23.040 §9.2.3.6).
struct SmsSendResult {
	std::vector<int> messageRefs;
};

/// \brief Traffic the modem itself counted on its data bearer since it started counting
/// (QMI WDS Get Packet Statistics: since the data call came up, or the modem's reset).
struct PacketStats {
	std::uint64_t txBytes = 0;
	std::uint64_t rxBytes = 0;
	std::optional<std::uint64_t> txPackets;  ///< when the modem reports them
	std::optional<std::uint64_t> rxPackets;
};

enum class UssdSessionState;  // ussd_session.hpp

/// \brief Callbacks a Modem calls from its executor. Each may be empty.
struct ModemEventHandlers {
	std::function<void(ModemState)> stateChanged;
	std::function<void(const SmsMessage &)> smsReceived;        ///< every reassembled message
	std::function<void(const UssdReply &)> networkUssd;         ///< network-initiated USSD
	/// The modem's USSD session moved, also without a call of this client: an open menu
	/// closed after its idle timeout or by the network, a stale one cancelled.
	std::function<void(UssdSessionState)> ussdStateChanged;
};

/// \brief A modem, whatever the transport (AT port, QMI). The daemon and zanryoctl's
/// direct mode speak only to this interface.
///
/// All methods run on the executor the modem was made with and must be awaited from it.
/// Queries made while the modem is not Ready fail with Errc::DeviceGone (Gone, Absent)
/// or Errc::Cancelled (Closed); none of them throws.
class Modem
{
public:
	using Duration = std::chrono::milliseconds;

	virtual ~Modem() = default;

	/// \brief Open the device and initialise it. Fails with NotAModem when the device does
	/// not answer AT, DeviceGone when the path does not exist; the modem then keeps
	/// retrying in the background only if it was Ready once (state Gone).
	virtual boost::asio::awaitable<Result<void>> open() = 0;
	/// \brief Stop retrying, cancel what is waiting (Errc::Cancelled), close the port.
	virtual boost::asio::awaitable<void> close() = 0;
	virtual ModemState state() const noexcept = 0;
	/// "at", "qmi".
	virtual std::string_view transport() const noexcept = 0;
	/// The device path given at construction ("/dev/ttyUSB2", "/dev/cdc-wdm0").
	virtual const std::string &devicePath() const noexcept = 0;

	/// \brief Modem and SIM identity; read once after open and cached, \a refresh rereads.
	virtual boost::asio::awaitable<Result<ModemIdentity>> identity(bool refresh = false) = 0;

	/// \brief Start a USSD session with \a code ("*100#") and wait for the network's
	/// first answer. One session at a time: Errc::Busy while another is open (a session
	/// left open longer than the modem's stale limit is cancelled instead). Errc::Timeout
	/// when no answer comes within \a timeout (the session is then cancelled).
	virtual boost::asio::awaitable<Result<UssdReply>> ussdInitiate(std::string code,
								       Duration timeout) = 0;
	/// \brief Answer the menu of the open session (status ActionRequired) with \a text.
	/// Errc::NotFound, "no USSD session is open", when this modem has no menu open, on
	/// every transport (a menu another process opened is not ours to answer).
	virtual boost::asio::awaitable<Result<UssdReply>> ussdRespond(std::string text,
								      Duration timeout) = 0;
	/// \brief Close the open USSD session (AT+CUSD=2, TS 27.007 §7.15).
	virtual boost::asio::awaitable<Result<void>> ussdCancel() = 0;

	/// \brief Send \a text to \a number, in as many parts as it needs.
	virtual boost::asio::awaitable<Result<SmsSendResult>> sendSms(std::string number,
								      std::string text) = 0;
	/// \brief Every message in the modem's storage, decoded and reassembled; the storage
	/// is left as it is.
	virtual boost::asio::awaitable<Result<std::vector<SmsMessage>>> listStoredSms() = 0;
	/// \brief The first received message that passes \a filter, or Errc::Timeout.
	/// A multipart message counts when complete, or when its parts time out.
	///
	/// Storage policy (every transport): receiving, listing and waiting never delete a
	/// message. A message stays in the modem's storage until its reader decides it
	/// consumed it and calls deleteStoredSms() with its storageIndexes; a message from
	/// anyone else (a bank code, a personal SMS) is therefore never touched.
	virtual boost::asio::awaitable<Result<SmsMessage>> waitSms(SmsFilter filter,
								   Duration timeout) = 0;
	/// \brief Delete exactly these slots of the modem's storage (SmsMessage::storageIndexes
	/// of a message the caller consumed) and nothing else. Every slot is tried; the
	/// first failure is returned. An empty list does nothing.
	virtual boost::asio::awaitable<Result<void>> deleteStoredSms(std::vector<int> storageIndexes) = 0;

	/// \brief Bytes (and packets) the modem counted on its data bearer. The default, for
	/// transports with no standard counter (AT), is Errc::Unsupported; the kernel's
	/// interface counters are then the source.
	virtual boost::asio::awaitable<Result<PacketStats>> packetStats();

	/// \brief Replace the event callbacks.
	virtual void setEventHandlers(ModemEventHandlers handlers) = 0;
};

} /* namespace zanryo */
