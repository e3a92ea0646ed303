#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "../sim_network.hpp"
#include "../sim_scenario.hpp"
#include "qmi_wire.hpp"

namespace zanryo::sim::qmi {

/// The simulated QMI modem: CTL, DMS, NAS, VOICE (USSD) and WMS (SMS) answering from a
/// scenario, with faults. I/O-free: requests come in through handle(), frames go out
/// through the send callback, delays through the schedule callback (both set by the
/// owner). The SMS side of the carrier is the AT simulator's Network, compiled in.
class QmiSimDevice : private Scheduler, private RadioSink
{
public:
	explicit QmiSimDevice(Scenario scenario);

	/// The network starts: the scenario's [[notice]] messages are scheduled from now.
	void start();
	/// The device was unplugged: client ids, USSD session and event registrations are
	/// gone (a replugged modem starts from its power-up state; stored SMS stay).
	void unplugged();

	/// Answer one request read from the port.
	void handle(const Message &request);
	/// One control command ("hang", "qmi-error VOICE 0x3a NotSupported", ...); returns
	/// the answer line ("ok", "error: why", JSON for status).
	std::string control(std::string_view line);

	std::function<void(const Message &)> send;
	std::function<void(int delayMs, std::function<void()>)> schedule;

private:
	struct Session {
		std::uint8_t client = 0;
		std::uint16_t originateTransaction = 0;
		const UssdNode *node = nullptr;  ///< the menu the network waits an answer for
		unsigned generation = 0;
	};

	void reply(const Message &request, std::vector<Tlv> tlvs, std::uint16_t error = 0);
	void indication(std::uint8_t service, std::uint8_t client, std::uint16_t id, std::vector<Tlv> tlvs);
	void handleCtl(const Message &m);
	void handleDms(const Message &m);
	void handleNas(const Message &m);
	void handleVoice(const Message &m);
	void originate(const Message &m);
	void answer(const Message &m);
	void cancel(const Message &m);
	/// The network's answer \a node for the open session: a menu goes out as a USSD
	/// indication that needs a user answer, anything else completes the originate.
	void networkAnswers(const UssdNode &node);
	void endSession(bool releaseIndication);
	std::vector<Tlv> ussData(std::string_view text, std::uint8_t dataTlv, std::uint8_t utf16Tlv) const;
	bool serviceAvailable(std::uint8_t service) const;

	// WMS (qmi_sim_wms.cpp).
	struct StoredSms {
		std::uint8_t tag = 1;  ///< QmiWmsMessageTagType: 0 MT read, 1 MT not read
		std::vector<std::uint8_t> pdu;  ///< SMSC part + TPDU
	};
	void handleWms(const Message &m);
	void wmsRawSend(const Message &m);
	void wmsRawRead(const Message &m);
	void wmsDelete(const Message &m);
	void wmsListMessages(const Message &m);
	void wmsSetRoutes(const Message &m);
	std::string wmsControl(std::string_view word, std::string_view rest, bool *handled);

	// UIM (qmi_sim_uim.cpp): SIM files.
	void handleUim(const Message &m);

	// WDS (qmi_sim_wds.cpp): packet statistics.
	void handleWds(const Message &m);
	std::string wdsControl(std::string_view word, std::string_view rest, bool *handled);

	// Scheduler and RadioSink, for the Network.
	void after(std::chrono::milliseconds delay, std::function<void()> fn) override;
	void ussdFromNetwork(int status, const std::string *text, const UssdNode *node) override;
	void smsFromNetwork(std::vector<std::uint8_t> pdu, std::size_t tpduLength, SmsDelivery delivery) override;

	Scenario scenario_;
	Network network_;
	bool hung_ = false;
	bool voice_ = true;
	bool wms_ = true;
	bool utf16Tlv_ = true;
	bool forceUcs2_ = false;
	std::optional<std::uint16_t> nextUssdError_;  ///< one-shot network refusal
	/// (service, message id) -> QMI protocol error to answer with.
	std::map<std::pair<std::uint8_t, std::uint16_t>, std::uint16_t> errors_;
	std::map<std::uint8_t, std::uint8_t> nextCid_;
	std::map<std::pair<std::uint8_t, std::uint8_t>, bool> clients_;
	std::optional<Session> session_;
	unsigned generation_ = 0;
	unsigned requests_ = 0;
	unsigned dropped_ = 0;
	std::string lastUssdRequest_;

	std::map<std::pair<std::uint8_t, std::uint32_t>, StoredSms> stored_;  ///< (storage, index)
	std::map<std::uint8_t, bool> wmsReporting_;  ///< WMS client -> Set Event Report on
	std::uint8_t routeStorage_ = 1;   ///< QmiWmsStorageType of class-none messages (NV)
	std::uint8_t routeAction_ = 1;    ///< QmiWmsReceiptAction (store and notify)
	bool routesSet_ = false;
	std::optional<std::pair<std::uint16_t, std::uint8_t>> sendFailure_;  ///< RP, TP cause
	std::uint16_t nextMessageId_ = 1;
	std::uint32_t transferId_ = 1;
	unsigned smsSent_ = 0;

	bool dataCall_ = true;  ///< a data call is up: WDS counters are kept
	std::uint64_t txBytes_ = 0, rxBytes_ = 0, txPackets_ = 0, rxPackets_ = 0;
};

} /* namespace zanryo::sim::qmi */
