// TS 27.005 SMS commands in PDU mode (§3: +CMGF, +CPMS, +CNMI, +CMGR, +CMGL, +CMGD, +CMGS).
#include <charconv>
#include <fmt/format.h>

#include "libmodem/codec/text.hpp"
#include "sim_at_engine.hpp"
#include "sim_log.hpp"

namespace zanryo::sim {

namespace {

using Outcome = AtEngine::Outcome;
using Kind = AtEngine::Outcome::Kind;
using Form = AtCommand::Form;

constexpr Outcome kOk{ Kind::Ok, 0 };

// TS 27.005 §3.2.5 <err> values used here.
constexpr int kCmsOperationNotAllowed = 302;
constexpr int kCmsOperationNotSupported = 303;
constexpr int kCmsInvalidPduParameter = 304;
constexpr int kCmsInvalidIndex = 321;

Outcome cms(int code)
{
	return { Kind::CmsError, code };
}

bool toInt(const AtArg &a, int &out)
{
	if (a.quoted || a.value.empty())
		return false;
	auto [p, ec] = std::from_chars(a.value.data(), a.value.data() + a.value.size(), out);
	return ec == std::errc() && p == a.value.data() + a.value.size();
}

} /* namespace */

AtEngine::Outcome AtEngine::cmgf(const AtCommand &c, Lines &out)
{
	switch (c.form) {
	case Form::Read:
		out = { fmt::format("+CMGF: {}", cmgf_) };
		return kOk;
	case Form::Test:
		// Text mode is not simulated: clients that read balances use PDU mode, and
		// text mode cannot carry the UCS-2 multipart replies this simulator exists for.
		out = { "+CMGF: (0)" };
		return kOk;
	case Form::Exec:
		return kOk;
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	int mode = -1;
	if (!args || args->size() != 1 || !toInt((*args)[0], mode))
		return cms(kCmsOperationNotAllowed);
	if (mode != 0)
		return cms(kCmsOperationNotSupported);
	cmgf_ = 0;
	return kOk;
}

AtEngine::Outcome AtEngine::cmgs(const AtCommand &c, Lines &)
{
	if (c.form == Form::Test)
		return kOk;
	if (c.form != Form::Set)
		return cms(kCmsOperationNotAllowed);
	auto args = parseArgs(c.args);
	int length = 0;
	// TS 23.040: an SMS-SUBMIT TPDU is at least 7 octets and at most 164.
	if (!args || args->empty() || !toInt((*args)[0], length) || length < 7 || length > 164)
		return cms(kCmsInvalidPduParameter);
	promptLength_ = static_cast<std::size_t>(length);
	return { Kind::Prompt, 0 };
}

AtEngine::Outcome AtEngine::cpms(const AtCommand &c, Lines &out)
{
	auto usage = [this](const std::string &name) {
		SmsMemory *m = memory(name);
		return fmt::format("{},{}", m->used(), m->slots.size());
	};
	switch (c.form) {
	case Form::Read:
		out = { fmt::format("+CPMS: \"{}\",{},\"{}\",{},\"{}\",{}", mem1_, usage(mem1_), mem2_, usage(mem2_),
				    mem3_, usage(mem3_)) };
		return kOk;
	case Form::Test:
		out = { "+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")" };
		return kOk;
	case Form::Exec:
		return cms(kCmsOperationNotAllowed);
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	if (!args || args->empty() || args->size() > 3)
		return cms(kCmsOperationNotAllowed);
	std::string *mems[] = { &mem1_, &mem2_, &mem3_ };
	std::string chosen[3] = { mem1_, mem2_, mem3_ };
	for (std::size_t i = 0; i < args->size(); ++i) {
		if ((*args)[i].empty())
			continue;
		if (!memory((*args)[i].value))
			return cms(kCmsOperationNotAllowed);
		chosen[i] = (*args)[i].value;
	}
	for (std::size_t i = 0; i < 3; ++i)
		*mems[i] = chosen[i];
	out = { fmt::format("+CPMS: {},{},{}", usage(mem1_), usage(mem2_), usage(mem3_)) };
	return kOk;
}

AtEngine::Outcome AtEngine::cnmi(const AtCommand &c, Lines &out)
{
	switch (c.form) {
	case Form::Read:
		out = { fmt::format("+CNMI: {},{},0,0,0", cnmiMode_, cnmiMt_) };
		return kOk;
	case Form::Test:
		out = { "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)" };
		return kOk;
	case Form::Exec:
		return kOk;
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	if (!args || args->empty())
		return cms(kCmsOperationNotAllowed);
	int mode = cnmiMode_, mt = cnmiMt_;
	if (!(*args)[0].empty() && (!toInt((*args)[0], mode) || mode < 0 || mode > 3))
		return cms(kCmsOperationNotSupported);
	if (args->size() >= 2 && !(*args)[1].empty() && (!toInt((*args)[1], mt) || mt < 0 || mt > 3))
		return cms(kCmsOperationNotSupported);
	cnmiMode_ = mode;
	cnmiMt_ = mt;
	return kOk;
}

AtEngine::Outcome AtEngine::cmgr(const AtCommand &c, Lines &out)
{
	if (c.form == Form::Test)
		return kOk;
	auto args = parseArgs(c.args);
	int index = 0;
	if (c.form != Form::Set || !args || args->size() != 1 || !toInt((*args)[0], index))
		return cms(kCmsOperationNotAllowed);
	SmsMemory *mem = memory(mem1_);
	int slot = index - indexBase();
	if (slot < 0 || slot >= static_cast<int>(mem->slots.size()) || !mem->slots[static_cast<std::size_t>(slot)])
		return cms(kCmsInvalidIndex);
	StoredSms &sms = *mem->slots[static_cast<std::size_t>(slot)];
	out = { fmt::format("+CMGR: {},,{}", sms.stat, sms.tpduLength), hexEncode(sms.pdu) };
	if (sms.stat == 0)
		sms.stat = 1;  // TS 27.005 §3.4.3: reading a received unread message marks it read
	return kOk;
}

AtEngine::Outcome AtEngine::cmgl(const AtCommand &c, Lines &out)
{
	if (c.form == Form::Test) {
		out = { "+CMGL: (0-4)" };
		return kOk;
	}
	int stat = 0;  // TS 27.005 §3.4.2: the default <stat> is "received unread"
	if (c.form == Form::Set) {
		auto args = parseArgs(c.args);
		// "ALL" and friends are text-mode values; PDU mode takes the numbers.
		if (!args || args->size() != 1 || !toInt((*args)[0], stat) || stat < 0 || stat > 4)
			return cms(kCmsOperationNotAllowed);
	} else if (c.form == Form::Read) {
		return cms(kCmsOperationNotAllowed);
	}
	SmsMemory *mem = memory(mem1_);
	for (std::size_t i = 0; i < mem->slots.size(); ++i) {
		auto &slot = mem->slots[i];
		if (!slot || (stat != 4 && slot->stat != stat))
			continue;
		out.push_back(fmt::format("+CMGL: {},{},,{}", static_cast<int>(i) + indexBase(), slot->stat,
					  slot->tpduLength));
		out.push_back(hexEncode(slot->pdu));
		if (slot->stat == 0)
			slot->stat = 1;
	}
	return kOk;
}

AtEngine::Outcome AtEngine::cmgd(const AtCommand &c, Lines &out)
{
	SmsMemory *mem = memory(mem1_);
	if (c.form == Form::Test) {
		std::string list;
		for (std::size_t i = 0; i < mem->slots.size(); ++i) {
			if (mem->slots[i])
				list += fmt::format("{}{}", list.empty() ? "" : ",", static_cast<int>(i) + indexBase());
		}
		out = { fmt::format("+CMGD: ({}),(0-4)", list) };
		return kOk;
	}
	auto args = parseArgs(c.args);
	int index = 0, flag = 0;
	if (c.form != Form::Set || !args || args->empty() || args->size() > 2 || !toInt((*args)[0], index))
		return cms(kCmsOperationNotAllowed);
	if (args->size() == 2 && !(*args)[1].empty() && (!toInt((*args)[1], flag) || flag < 0 || flag > 4))
		return cms(kCmsOperationNotAllowed);
	if (flag == 0) {
		int slot = index - indexBase();
		if (slot < 0 || slot >= static_cast<int>(mem->slots.size()) ||
		    !mem->slots[static_cast<std::size_t>(slot)])
			return cms(kCmsInvalidIndex);
		mem->slots[static_cast<std::size_t>(slot)].reset();
		return kOk;
	}
	// TS 27.005 §3.5.4 <delflag>: 1 read, 2 read+sent, 3 read+sent+unsent, 4 all.
	for (auto &slot : mem->slots) {
		if (slot && (flag == 4 || slot->stat == 1 || (flag >= 2 && slot->stat == 3) ||
			     (flag >= 3 && slot->stat == 2)))
			slot.reset();
	}
	return kOk;
}

AtEngine::Outcome AtEngine::smsMisc(const AtCommand &c, Lines &out)
{
	const std::string &n = c.name;
	if (n == "+CSMS") {
		if (c.form == Form::Read)
			out = { "+CSMS: 0,1,1,1" };
		else if (c.form == Form::Test)
			out = { "+CSMS: (0,1)" };
		else if (c.form == Form::Set)
			out = { "+CSMS: 1,1,1" };
		return kOk;
	}
	if (n == "+CSDH") {
		if (c.form == Form::Read)
			out = { "+CSDH: 0" };
		return kOk;
	}
	if (n == "+CSMP") {
		if (c.form == Form::Read)
			out = { "+CSMP: 17,167,0,0" };
		return kOk;
	}
	if (n == "+CMMS" && c.form == Form::Read)
		out = { "+CMMS: 0" };
	return kOk;  // +CNMA, +CMMS=<n>: acknowledged, nothing to simulate
}

} /* namespace zanryo::sim */
