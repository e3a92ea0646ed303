#include "sim_at_engine.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"
#include "sim_log.hpp"

namespace zanryo::sim {

namespace {

char upper(char c)
{
	return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

bool isNameChar(char c)
{
	return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '!' || c == '%' ||
	       c == '-';
}

// TS 27.007 §9.2.1 / §9.2.2 texts for the +CMEE=2 form.
std::string_view cmeText(int code)
{
	switch (code) {
	case 0: return "phone failure";
	case 3: return "operation not allowed";
	case 4: return "operation not supported";
	case 10: return "SIM not inserted";
	case 13: return "SIM failure";
	case 20: return "memory full";
	case 21: return "invalid index";
	case 30: return "no network service";
	case 31: return "network timeout";
	case 50: return "incorrect parameters";
	case 100: return "unknown";
	default: return "unknown";
	}
}

std::string jsonString(std::string_view s)
{
	std::string out = "\"";
	for (unsigned char c : s) {
		if (c == '"' || c == '\\') {
			out += '\\';
			out += static_cast<char>(c);
		} else if (c < 0x20) {
			out += fmt::format("\\u{:04x}", c);
		} else {
			out += static_cast<char>(c);
		}
	}
	return out + "\"";
}

} /* namespace */

std::optional<std::vector<AtArg>> parseArgs(std::string_view args)
{
	std::vector<AtArg> out;
	AtArg cur;
	bool inQuote = false;
	for (char c : args) {
		if (inQuote) {
			if (c == '"')
				inQuote = false;
			else
				cur.value += c;
		} else if (c == '"') {
			inQuote = true;
			cur.quoted = true;
		} else if (c == ',') {
			out.push_back(std::move(cur));
			cur = {};
		} else if (c != ' ') {
			cur.value += c;
		}
	}
	if (inQuote)
		return std::nullopt;
	out.push_back(std::move(cur));
	return out;
}

std::optional<std::vector<AtCommand>> parseCommandLine(std::string_view body)
{
	std::vector<AtCommand> cmds;
	std::size_t pos = 0;
	const std::size_t n = body.size();
	auto digits = [&](std::string &out) {
		while (pos < n && std::isdigit(static_cast<unsigned char>(body[pos])))
			out += body[pos++];
	};
	while (pos < n) {
		char c = body[pos];
		if (c == ' ' || c == ';') {
			++pos;
			continue;
		}
		std::size_t start = pos;
		AtCommand cmd;
		if (c == '+' || c == '^' || c == '$' || c == '%' || c == '*') {
			// V.250 §5.4: extended command, ends at ';' or the end of the line.
			++pos;
			while (pos < n && isNameChar(body[pos]))
				++pos;
			if (pos - start < 2)
				return std::nullopt;
			for (std::size_t i = start; i < pos; ++i)
				cmd.name += upper(body[i]);
			if (pos < n && body[pos] == '?') {
				cmd.form = AtCommand::Form::Read;
				++pos;
			} else if (pos + 1 < n && body[pos] == '=' && body[pos + 1] == '?') {
				cmd.form = AtCommand::Form::Test;
				pos += 2;
			} else if (pos < n && body[pos] == '=') {
				cmd.form = AtCommand::Form::Set;
				++pos;
				bool inQuote = false;
				while (pos < n && (inQuote || body[pos] != ';')) {
					if (body[pos] == '"')
						inQuote = !inQuote;
					cmd.args += body[pos++];
				}
				if (inQuote)
					return std::nullopt;
			}
			while (pos < n && body[pos] == ' ')
				++pos;
			if (pos < n && body[pos] != ';')
				return std::nullopt;
		} else if (c == '&') {
			if (pos + 1 >= n || !std::isalpha(static_cast<unsigned char>(body[pos + 1])))
				return std::nullopt;
			cmd.name = std::string("&") + upper(body[pos + 1]);
			pos += 2;
			digits(cmd.args);
		} else if (c == 'S' || c == 's') {
			// V.250 §6.1.1: S-parameters, Sn? and Sn=v.
			++pos;
			std::string reg;
			digits(reg);
			if (reg.empty())
				return std::nullopt;
			cmd.name = "S" + reg;
			if (pos < n && body[pos] == '?') {
				cmd.form = AtCommand::Form::Read;
				++pos;
			} else if (pos < n && body[pos] == '=') {
				cmd.form = AtCommand::Form::Set;
				++pos;
				digits(cmd.args);
			}
		} else if (c == 'D' || c == 'd') {
			cmd.name = "D";
			cmd.args = std::string(body.substr(pos + 1));
			pos = n;
		} else if (std::isalpha(static_cast<unsigned char>(c))) {
			cmd.name = std::string(1, upper(c));
			++pos;
			if (pos < n && body[pos] == '?') {
				cmd.form = AtCommand::Form::Read;
				++pos;
			} else {
				digits(cmd.args);
			}
		} else {
			return std::nullopt;
		}
		cmd.text = std::string(body.substr(start, pos - start));
		cmds.push_back(std::move(cmd));
	}
	return cmds;
}

int AtEngine::SmsMemory::used() const
{
	return static_cast<int>(std::count_if(slots.begin(), slots.end(), [](const auto &s) { return s.has_value(); }));
}

AtEngine::AtEngine(const Scenario &scenario, Faults &faults, Scheduler &scheduler, TerminalSink &terminal)
	: scenario_(scenario), faults_(faults), terminal_(terminal), network_(scenario, faults, scheduler, *this)
{
	memories_.push_back({ "SM", std::vector<std::optional<StoredSms>>(scenario.smCapacity) });
	memories_.push_back({ "ME", std::vector<std::optional<StoredSms>>(scenario.meCapacity) });
	hung_ = faults.hang;
	registerCommands();
	resetSettings();
}

void AtEngine::resetSettings()
{
	echo_ = scenario_.echo;
	cmee_ = 0;
	// Huawei firmwares power up in "IRA", most others in "GSM".
	cscs_ = scenario_.quirk == QuirkProfile::Huawei ? "IRA" : "GSM";
	copsFormat_ = 0;
	cmgf_ = 0;
	cnmiMode_ = 2;
	cnmiMt_ = scenario_.cnmiMt;
	cusdPresentation_ = 0;
	mem1_ = mem2_ = mem3_ = "SM";
	prompt_ = false;
	pduBuffer_.clear();
	line_.clear();
}

void AtEngine::setAttached(bool attached)
{
	attached_ = attached;
	network_.detach();
	resetSettings();
}

void AtEngine::setHung(bool hung)
{
	hung_ = hung;
	if (!hung_) {
		std::vector<std::string> held = std::move(heldUrcs_);
		heldUrcs_.clear();
		for (const std::string &u : held)
			emit(u);
	}
}

void AtEngine::emit(std::string bytes)
{
	if (attached_ && !bytes.empty())
		terminal_.toTerminal(std::move(bytes));
}

void AtEngine::urc(const std::string &text)
{
	std::string bytes = "\r\n" + text + "\r\n";
	logLine("AT>", printable(bytes));
	if (!attached_)
		return;
	if (hung_)
		heldUrcs_.push_back(std::move(bytes));
	else
		emit(std::move(bytes));
}

void AtEngine::feed(std::string_view bytes)
{
	std::string echo;
	for (char c : bytes) {
		if (prompt_) {
			if (echo_ && !hung_)
				echo += c;
			if (c == 0x1A || c == 0x1B) {
				emit(std::exchange(echo, {}));
				finishPdu(c == 0x1A);
			} else if (std::isxdigit(static_cast<unsigned char>(c)) && pduBuffer_.size() < 2048) {
				pduBuffer_ += c;
			}
			continue;
		}
		if (echo_ && !hung_)
			echo += c;
		if (c == '\r') {
			emit(std::exchange(echo, {}));
			processLine(std::exchange(line_, {}));
		} else if (c == '\n') {
			continue;
		} else if (c == 0x08 || c == 0x7F) {
			if (!line_.empty())
				line_.pop_back();
		} else if (line_.size() < 4096) {
			line_ += c;
			// V.250 §5.2.4: "A/" repeats the last command line, no S3 needed.
			if (line_.size() >= 2 && upper(line_[line_.size() - 2]) == 'A' && line_.back() == '/') {
				emit(std::exchange(echo, {}));
				line_.clear();
				if (!lastLine_.empty())
					processLine(lastLine_);
			}
		}
	}
	emit(std::move(echo));
}

std::string AtEngine::finalText(Outcome o) const
{
	switch (o.kind) {
	case Outcome::Kind::Ok:
		return "OK";
	case Outcome::Kind::Error:
		return "ERROR";
	case Outcome::Kind::CmeError:
		if (cmee_ == 1)
			return fmt::format("+CME ERROR: {}", o.code);
		if (cmee_ == 2)
			return fmt::format("+CME ERROR: {}", cmeText(o.code));
		return "ERROR";
	case Outcome::Kind::CmsError:
		return fmt::format("+CMS ERROR: {}", o.code);
	case Outcome::Kind::Prompt:
		return "> ";
	}
	return "ERROR";
}

void AtEngine::processLine(const std::string &raw)
{
	// V.250 §5.2.1: everything before the "AT" prefix is ignored.
	std::size_t at = std::string::npos;
	for (std::size_t i = 0; i + 1 < raw.size(); ++i) {
		if (upper(raw[i]) == 'A' && upper(raw[i + 1]) == 'T') {
			at = i;
			break;
		}
	}
	if (at == std::string::npos) {
		if (!raw.empty())
			logLine("AT<", printable(raw) + " (no AT prefix, ignored)");
		return;
	}
	std::string line = raw.substr(at);
	lastLine_ = line;
	lastCommand_ = line;
	if (hung_) {
		logLine("AT<", printable(line) + " (hung: not answering)");
		return;
	}
	logLine("AT<", printable(line));

	std::string out;
	auto finish = [&](Outcome o) {
		if (o.kind == Outcome::Kind::Prompt) {
			out += "\r\n> ";
		} else {
			if (!faults_.urcInReply.empty()) {
				// Fault: an unsolicited line in the middle of the response, after the
				// information text if there is any, before the final result code.
				out += "\r\n" + std::exchange(faults_.urcInReply, {}) + "\r\n";
			}
			out += "\r\n" + finalText(o) + "\r\n";
		}
		logLine("AT>", printable(out));
		emit(std::move(out));
	};

	auto cmds = parseCommandLine(std::string_view(line).substr(2));
	if (!cmds) {
		++commandsSeen_;
		finish({ Outcome::Kind::Error, 0 });
		return;
	}
	for (const AtCommand &cmd : *cmds) {
		++commandsSeen_;
		Outcome o;
		Lines info;
		auto fault = std::find_if(faults_.cmeErrors.begin(), faults_.cmeErrors.end(), [&](const CmeFault &f) {
			std::string_view p = f.prefix;
			if (p.size() >= 2 && upper(p[0]) == 'A' && upper(p[1]) == 'T')
				p.remove_prefix(2);
			if (p.size() > cmd.text.size())
				return false;
			return std::equal(p.begin(), p.end(), cmd.text.begin(),
					  [](char a, char b) { return upper(a) == upper(b); });
		});
		auto handler = handlers_.find(cmd.name);
		if (fault != faults_.cmeErrors.end()) {
			o = { Outcome::Kind::CmeError, fault->code };
		} else if (handler == handlers_.end()) {
			o = { Outcome::Kind::Error, 0 };
		} else {
			o = (this->*(handler->second))(cmd, info);
		}
		if (!info.empty()) {
			out += "\r\n";
			for (std::size_t i = 0; i < info.size(); ++i)
				out += (i ? "\r\n" : "") + info[i];
			out += "\r\n";
		}
		if (o.kind == Outcome::Kind::Prompt) {
			prompt_ = true;
			pduBuffer_.clear();
		}
		if (o.kind != Outcome::Kind::Ok) {
			finish(o);
			return;
		}
	}
	finish({ Outcome::Kind::Ok, 0 });
}

void AtEngine::finishPdu(bool send)
{
	prompt_ = false;
	std::string pduHex = std::exchange(pduBuffer_, {});
	logLine("AT<", fmt::format("PDU {} {}", pduHex, send ? "<1A>" : "<1B> (cancelled)"));
	auto reply = [this](std::string text) {
		std::string bytes = "\r\n" + text + "\r\n";
		logLine("AT>", printable(bytes));
		emit(std::move(bytes));
	};
	if (!send) {
		// TS 27.005 §3.5.1: ESC quits without sending.
		reply("OK");
		return;
	}
	auto bytes = hexDecode(pduHex);
	if (!bytes || bytes->empty()) {
		reply("+CMS ERROR: 304");
		return;
	}
	// TS 27.005 §3.5.1: <length> counts the TPDU only, the SMSC part comes first.
	bool hasSmsc = bytes->size() == 1 + (*bytes)[0] + promptLength_;
	if (!hasSmsc && bytes->size() != promptLength_) {
		logLine("sms", fmt::format("PDU of {} octets does not match AT+CMGS={}", bytes->size(), promptLength_));
		reply("+CMS ERROR: 304");
		return;
	}
	auto pdu = decodeSmsPdu(*bytes, hasSmsc);
	if (!pdu || pdu->type != SmsType::Submit) {
		logLine("sms", pdu ? "not an SMS-SUBMIT" : pdu.error().message());
		reply("+CMS ERROR: 304");
		return;
	}
	std::uint8_t mr = nextMr_++;
	std::string bytesOut = fmt::format("\r\n+CMGS: {}\r\n\r\nOK\r\n", mr);
	logLine("AT>", printable(bytesOut));
	emit(std::move(bytesOut));
	network_.smsSubmitted(*pdu);
}

void AtEngine::ussdFromNetwork(int status, const std::string *text, const UssdNode *node)
{
	if (cusdPresentation_ == 0) {
		// TS 27.007 §7.15: <n>=0 disables the result code presentation.
		logLine("ussd", fmt::format("+CUSD: {} not presented (AT+CUSD=0)", status));
		return;
	}
	if (!text) {
		urc(fmt::format("+CUSD: {}", status));
		return;
	}
	int dcs = 15;
	std::string str = encodeUssd(*text, node, dcs);
	urc(fmt::format("+CUSD: {},\"{}\",{}", status, str, dcs));
}

void AtEngine::smsFromNetwork(std::vector<std::uint8_t> pdu, std::size_t tpduLength, SmsDelivery delivery)
{
	bool direct = false;
	bool indicate = true;
	switch (delivery) {
	case SmsDelivery::Cmt:
		direct = true;
		break;
	case SmsDelivery::Cmti:
		break;
	case SmsDelivery::FollowCnmi:
		// TS 27.005 §3.4.1 <mt>: 0 store quietly, 1 +CMTI, 2 +CMT, 3 +CMT for class 3 only.
		direct = cnmiMt_ == 2;
		indicate = cnmiMt_ != 0;
		break;
	}
	if (direct && attached_) {
		urc(fmt::format("+CMT: ,{}\r\n{}", tpduLength, hexEncode(pdu)));
		return;
	}
	SmsMemory *mem = memory(mem3_);
	auto slot = std::find_if(mem->slots.begin(), mem->slots.end(), [](const auto &s) { return !s.has_value(); });
	if (slot == mem->slots.end()) {
		logLine("sms", fmt::format("memory {} full: incoming SMS lost", mem->name));
		return;
	}
	*slot = StoredSms{ 0, std::move(pdu), tpduLength };
	int index = static_cast<int>(slot - mem->slots.begin()) + indexBase();
	logLine("sms", fmt::format("stored in {} at index {}", mem->name, index));
	if (indicate && attached_)
		urc(fmt::format("+CMTI: \"{}\",{}", mem->name, index));
}

std::size_t AtEngine::storedSmsCount() const
{
	std::size_t n = 0;
	for (const SmsMemory &m : memories_)
		n += static_cast<std::size_t>(m.used());
	return n;
}

AtEngine::SmsMemory *AtEngine::memory(const std::string &name)
{
	for (SmsMemory &m : memories_) {
		if (m.name == name)
			return &m;
	}
	return nullptr;
}

std::string AtEngine::statusJson() const
{
	std::string ussd;
	switch (network_.ussdState()) {
	case Network::UssdState::Idle:
		ussd = "idle";
		break;
	case Network::UssdState::Pending:
		ussd = "pending";
		break;
	case Network::UssdState::MenuOpen:
		ussd = "menu";
		break;
	}
	std::string outbox = "[";
	for (const SentSms &s : network_.outbox()) {
		outbox += fmt::format("{}{{\"to\":{},\"text\":{},\"concat\":{}}}", outbox.size() > 1 ? "," : "",
				      jsonString(s.to), jsonString(s.text), jsonString(s.concat));
	}
	outbox += "]";
	// What the SIM holds, slot by slot: tests check that a client deleted only what it
	// consumed.
	std::string storage = "[";
	for (const SmsMemory &m : memories_) {
		for (std::size_t i = 0; i < m.slots.size(); ++i) {
			if (!m.slots[i])
				continue;
			auto pdu = decodeSmsPdu(m.slots[i]->pdu, true);
			storage += fmt::format("{}{{\"mem\":{},\"index\":{},\"stat\":{},\"from\":{},\"text\":{}}}",
					       storage.size() > 1 ? "," : "", jsonString(m.name), static_cast<int>(i) + indexBase(),
					       m.slots[i]->stat, jsonString(pdu ? pdu->address.number : ""),
					       jsonString(pdu ? pdu->text : ""));
		}
	}
	storage += "]";
	return fmt::format("{{\"open\":{},\"hung\":{},\"echo\":{},\"cmee\":{},\"cscs\":{},\"cnmi_mt\":{},"
			   "\"ussd\":{},\"menu\":{},\"stored_sms\":{},\"storage\":{},\"commands_seen\":{},"
			   "\"last_command\":{},\"sent_sms\":{}}}",
			   attached_, hung_, echo_, cmee_, jsonString(cscs_), cnmiMt_, jsonString(ussd),
			   jsonString(network_.menuText()), storedSmsCount(), storage, commandsSeen_,
			   jsonString(printable(lastCommand_)), outbox);
}

} /* namespace zanryo::sim */
