#include "sim_network.hpp"

#include <algorithm>
#include <ctime>
#include <fmt/format.h>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"
#include "sim_log.hpp"

namespace zanryo::sim {

namespace {

std::string trimmed(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
		s.remove_suffix(1);
	return std::string(s);
}

bool equalsAsciiNoCase(std::string_view a, std::string_view b)
{
	return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
		       auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
		       return lower(x) == lower(y);
	       });
}

// A number as written in a scenario and as decoded from TP-DA: "+81..." and "81..."
// with an international TOA compare equal.
std::string digitsOf(std::string_view number)
{
	std::string out;
	for (char c : number) {
		if (c != '+' && c != ' ' && c != '-')
			out += c;
	}
	return out;
}

SmsTimestamp nowTimestamp()
{
	std::time_t t = std::time(nullptr);
	std::tm tm{};
	gmtime_r(&t, &tm);
	SmsTimestamp ts;
	ts.year = tm.tm_year + 1900;
	ts.month = tm.tm_mon + 1;
	ts.day = tm.tm_mday;
	ts.hour = tm.tm_hour;
	ts.minute = tm.tm_min;
	ts.second = tm.tm_sec;
	return ts;
}

// Split UTF-8 text into \a parts pieces of about equal code point counts, never
// inside a character.
std::vector<std::string> splitText(const std::string &text, int parts)
{
	std::u32string cps = utf8ToCodepoints(text);
	std::vector<std::string> out;
	std::size_t n = static_cast<std::size_t>(parts);
	std::size_t per = (cps.size() + n - 1) / n;
	for (std::size_t i = 0; i < n; ++i) {
		std::string piece;
		for (std::size_t j = i * per; j < std::min(cps.size(), (i + 1) * per); ++j)
			appendUtf8(piece, cps[j]);
		out.push_back(std::move(piece));
	}
	return out;
}

} /* namespace */

Network::Network(const Scenario &scenario, Faults &faults, Scheduler &scheduler, RadioSink &radio)
	: scenario_(scenario), faults_(faults), scheduler_(scheduler), radio_(radio)
{
}

void Network::start()
{
	for (const Notice &n : scenario_.notices) {
		std::string error;
		if (!sendSms(n.from, n.text, 0, SmsOrder::InOrder, n.delivery, n.atMs, 0, &error))
			logLine("network", fmt::format("notice from {} not sent: {}", n.from, error));
	}
}

void Network::detach()
{
	++ussdGen_;
	ussdState_ = UssdState::Idle;
	menu_ = nullptr;
}

std::string Network::menuText() const
{
	return menu_ ? menu_->text : std::string();
}

void Network::answer(const UssdNode &node, int delayMs)
{
	ussdState_ = UssdState::Pending;
	unsigned gen = ussdGen_;
	scheduler_.after(std::chrono::milliseconds(delayMs), [this, gen, &node] {
		if (gen != ussdGen_)
			return;
		int status = node.effectiveStatus();
		if (status == 1) {
			ussdState_ = UssdState::MenuOpen;
			menu_ = &node;
		} else {
			ussdState_ = UssdState::Idle;
			menu_ = nullptr;
		}
		radio_.ussdFromNetwork(status, (status == 2 || status == 4) && node.text.empty() ? nullptr : &node.text,
				       &node);
		if (node.thenText.empty())
			return;
		// The real answer after a release with text (a network that says "please wait",
		// ends the dialogue, then sends the balance).
		scheduler_.after(std::chrono::milliseconds(node.thenDelayMs.value_or(500)), [this, gen, &node] {
			if (gen != ussdGen_)
				return;
			radio_.ussdFromNetwork(0, &node.thenText, &node);
		});
	});
}

void Network::ussdRequest(const std::vector<std::string> &candidates)
{
	if (faults_.cusdStatus) {
		// One-shot fault: the network refuses this request (status 4) or releases it (2).
		int status = *faults_.cusdStatus;
		faults_.cusdStatus.reset();
		ussdState_ = UssdState::Pending;
		unsigned gen = ussdGen_;
		scheduler_.after(std::chrono::milliseconds(scenario_.ussdDelayMs), [this, gen, status] {
			if (gen != ussdGen_)
				return;
			ussdState_ = UssdState::Idle;
			menu_ = nullptr;
			radio_.ussdFromNetwork(status, nullptr, nullptr);
		});
		return;
	}
	if (ussdState_ == UssdState::MenuOpen && menu_) {
		for (const std::string &c : candidates) {
			for (const UssdNode &option : menu_->menu) {
				if (trimmed(c) == option.answer) {
					logLine("network", fmt::format("USSD menu answer \"{}\"", c));
					answer(option, option.delayMs.value_or(scenario_.ussdDelayMs));
					return;
				}
			}
		}
		// TS 24.090: an answer the application does not know ends the dialogue.
		logLine("network", fmt::format("USSD menu answer \"{}\" matches no option",
					       candidates.empty() ? "" : candidates.front()));
		static const UssdNode released{ {}, {}, 2, {}, {}, {}, {}, {}, {} };
		answer(released, scenario_.ussdDelayMs);
		return;
	}
	for (const std::string &c : candidates) {
		for (const UssdRule &rule : scenario_.ussd) {
			if (c == rule.code) {
				logLine("network", fmt::format("USSD request {}", c));
				answer(rule.reply, rule.reply.delayMs.value_or(scenario_.ussdDelayMs));
				return;
			}
		}
	}
	logLine("network", fmt::format("USSD request \"{}\" matches no rule: +CUSD: {}",
				       candidates.empty() ? "" : candidates.front(), scenario_.ussdUnknownStatus));
	static UssdNode unknown;
	unknown.status = scenario_.ussdUnknownStatus;
	if (scenario_.ussdUnknownStatus != 2 && scenario_.ussdUnknownStatus != 4)
		unknown.text = "Unknown application";
	answer(unknown, scenario_.ussdDelayMs);
}

void Network::ussdCancel()
{
	++ussdGen_;
	ussdState_ = UssdState::Idle;
	menu_ = nullptr;
}

void Network::ussdNotify(const std::string &text)
{
	static UssdNode notification;
	notification.text = text;
	notification.status = 0;
	radio_.ussdFromNetwork(0, &notification.text, &notification);
}

void Network::smsSubmitted(const SmsPdu &pdu)
{
	SentSms sent{ pdu.address.number, pdu.text, {} };
	if (pdu.concat)
		sent.concat = fmt::format("{}/{}/{}", pdu.concat->ref, pdu.concat->seq, pdu.concat->total);
	outbox_.push_back(sent);
	logLine("network", fmt::format("SMS to {}: \"{}\"{}", sent.to, printable(sent.text),
				       sent.concat.empty() ? "" : " part " + sent.concat));
	for (const SmsReplyRule &rule : scenario_.smsReplies) {
		if (digitsOf(rule.to) != digitsOf(pdu.address.number) ||
		    !equalsAsciiNoCase(trimmed(pdu.text), trimmed(rule.keyword)))
			continue;
		if (faults_.dropSmsReply) {
			logLine("network", "fault drop-sms-reply: the reply is never sent");
			return;
		}
		std::string error;
		if (!sendSms(rule.from, rule.text, rule.parts, rule.order, rule.delivery, rule.delayMs,
			     rule.partGapMs, &error))
			logLine("network", fmt::format("reply from {} not sent: {}", rule.from, error));
		return;
	}
}

bool Network::deliverSms(const std::string &from, const std::string &text, SmsDelivery delivery,
			 std::string *error)
{
	return sendSms(from, text, 0, SmsOrder::InOrder, delivery, 0, 0, error);
}

bool Network::sendSms(const std::string &from, const std::string &text, int parts, SmsOrder order,
		      SmsDelivery delivery, int delayMs, int gapMs, std::string *error)
{
	SmsTimestamp scts = nowTimestamp();
	DeliverOptions options;
	options.concatRef = concatRef_++;
	std::vector<EncodedPdu> pdus;
	if (parts <= 1) {
		auto r = encodeSmsDeliver(from, text, scts, options);
		if (!r) {
			*error = r.error().message();
			return false;
		}
		pdus = std::move(*r);
	} else {
		std::vector<std::string> pieces = splitText(text, parts);
		for (std::size_t i = 0; i < pieces.size(); ++i) {
			options.part = Concat{ options.concatRef, static_cast<std::uint8_t>(pieces.size()),
					       static_cast<std::uint8_t>(i + 1), false };
			auto r = encodeSmsDeliver(from, pieces[i], scts, options);
			if (!r) {
				*error = fmt::format("part {}: {}", i + 1, r.error().message());
				return false;
			}
			for (EncodedPdu &p : *r)
				pdus.push_back(std::move(p));
		}
	}
	switch (order) {
	case SmsOrder::InOrder:
		break;
	case SmsOrder::Reverse:
		std::reverse(pdus.begin(), pdus.end());
		break;
	case SmsOrder::Shuffled:
		// Never the original order when there is more than one part: the point of the
		// scenario is that the client reassembles.
		if (pdus.size() > 1) {
			std::vector<EncodedPdu> original = pdus;
			do {
				std::shuffle(pdus.begin(), pdus.end(), rng_);
			} while (std::equal(pdus.begin(), pdus.end(), original.begin(),
					    [](const EncodedPdu &a, const EncodedPdu &b) { return a.bytes == b.bytes; }));
		}
		break;
	}
	// No generation check: an SMS the network has sent reaches the SIM even if the modem
	// was unplugged meanwhile (it is then stored without a URC).
	for (std::size_t i = 0; i < pdus.size(); ++i) {
		auto delay = std::chrono::milliseconds(delayMs + static_cast<int>(i) * gapMs);
		scheduler_.after(delay, [this, pdu = std::move(pdus[i]), delivery]() mutable {
			radio_.smsFromNetwork(std::move(pdu.bytes), pdu.tpduLength, delivery);
		});
	}
	logLine("network", fmt::format("SMS from {} in {} part(s) scheduled in {} ms", from, pdus.size(), delayMs));
	return true;
}

} /* namespace zanryo::sim */
