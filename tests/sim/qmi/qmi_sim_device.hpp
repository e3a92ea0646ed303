#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "../sim_scenario.hpp"
#include "qmi_wire.hpp"

namespace zanryo::sim::qmi {

/// The simulated QMI modem: CTL, DMS, NAS and VOICE (USSD) answering from a scenario,
/// with faults. I/O-free: requests come in through handle(), frames go out through
/// the send callback, delays through the schedule callback (both set by the owner).
class QmiSimDevice
{
public:
	explicit QmiSimDevice(Scenario scenario);

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

	Scenario scenario_;
	bool hung_ = false;
	bool voice_ = true;
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
};

} /* namespace zanryo::sim::qmi */
