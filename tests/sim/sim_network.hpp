#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "sim_scenario.hpp"

namespace zanryo {
struct SmsPdu;
}

namespace zanryo::sim {

/// What the simulated modem and network need from the program around them: a clock
/// to run things later on. Callbacks run on the one event loop thread.
class Scheduler
{
public:
	virtual ~Scheduler() = default;
	virtual void after(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
};

/// The modem side of the radio link: where the network's answers arrive.
class RadioSink
{
public:
	virtual ~RadioSink() = default;
	/// A USSD message from the network (TS 24.090): status is the +CUSD <m>; \a node
	/// (may be null) carries the encoding/DCS overrides of the scenario.
	virtual void ussdFromNetwork(int status, const std::string *text, const UssdNode *node) = 0;
	/// An SMS-DELIVER PDU (with its SMSC part) the network hands to the modem.
	virtual void smsFromNetwork(std::vector<std::uint8_t> pdu, std::size_t tpduLength,
				    SmsDelivery delivery) = 0;
};

/// A message the client sent with AT+CMGS, as the network received it.
struct SentSms {
	std::string to;
	std::string text;
	std::string concat;  ///< "ref/seq/total" for a part of a concatenated message
};

/// The carrier network: USSD sessions (TS 24.090 network side), the SMS keyword
/// services of the scenario, carrier notices. Knows nothing of AT.
class Network
{
public:
	enum class UssdState {
		Idle,
		Pending,   ///< a request is on its way, the answer not yet given
		MenuOpen,  ///< the last answer had status 1: the network waits for the user
	};

	Network(const Scenario &scenario, Faults &faults, Scheduler &scheduler, RadioSink &radio);

	/// Schedule the [[notice]] messages relative to now.
	void start();
	/// The modem went away (unplug): drop the session and pending answers.
	void detach();

	/// AT+CUSD=1,<str> decoded to text: a new request, or the answer to an open menu.
	/// \a candidates holds the possible readings of what the TE sent (plain, UCS-2 hex,
	/// packed GSM hex); the first one a rule knows wins.
	void ussdRequest(const std::vector<std::string> &candidates);
	/// AT+CUSD=2.
	void ussdCancel();
	/// Network-initiated USSD notification (+CUSD: 0).
	void ussdNotify(const std::string &text);
	UssdState ussdState() const { return ussdState_; }
	std::string menuText() const;

	/// A SUBMIT PDU the client sent (AT+CMGS).
	void smsSubmitted(const SmsPdu &pdu);
	/// Deliver an SMS from \a from right now (control socket `deliver-sms`).
	bool deliverSms(const std::string &from, const std::string &text, SmsDelivery delivery,
			std::string *error);

	const std::vector<SentSms> &outbox() const { return outbox_; }

private:
	void answer(const UssdNode &node, int delayMs);
	bool sendSms(const std::string &from, const std::string &text, int parts, SmsOrder order,
		     SmsDelivery delivery, int delayMs, int gapMs, std::string *error);

	const Scenario &scenario_;
	Faults &faults_;
	Scheduler &scheduler_;
	RadioSink &radio_;
	UssdState ussdState_ = UssdState::Idle;
	const UssdNode *menu_ = nullptr;
	unsigned ussdGen_ = 0;  ///< bumped on detach and cancel: stale USSD timers do nothing
	std::uint16_t concatRef_ = 0x40;
	std::mt19937 rng_{ 20261122 };
	std::vector<SentSms> outbox_;
};

} /* namespace zanryo::sim */
