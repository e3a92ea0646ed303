#include "libmodem/codec/at_framer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>
#include <utility>

namespace zanryo {

namespace {

char asciiUpper(char c) noexcept
{
	return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool iequals(std::string_view a, std::string_view b) noexcept
{
	if (a.size() != b.size())
		return false;
	for (std::size_t i = 0; i < a.size(); ++i)
		if (asciiUpper(a[i]) != asciiUpper(b[i]))
			return false;
	return true;
}

bool istartsWith(std::string_view s, std::string_view prefix) noexcept
{
	return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool isBlank(char c) noexcept
{
	return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) noexcept
{
	while (!s.empty() && isBlank(s.front()))
		s.remove_prefix(1);
	while (!s.empty() && isBlank(s.back()))
		s.remove_suffix(1);
	return s;
}

/// Drop what ends a command line or an SMS payload: S3 (CR), LF, Ctrl-Z, ESC, blanks.
std::string_view trimCommandEnd(std::string_view s) noexcept
{
	while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == '\x1a' ||
			      s.back() == '\x1b' || isBlank(s.back())))
		s.remove_suffix(1);
	return trim(s);
}

bool isPrefixChar(char c) noexcept
{
	// TS 27.007 §4.0 uses '+'; V.250 §5.4.1 leaves '&' and the other characters to
	// manufacturers: Huawei '^', Sierra/Ericsson '*', Qualcomm '$', Telit/ZTE '#', '%'.
	return c == '+' || c == '^' || c == '*' || c == '$' || c == '%' || c == '#';
}

struct NumberedText {
	int code;
	std::string_view text;
};

// TS 27.007 §9.2.1 (general errors) and §9.2.2 (GPRS errors), verbose forms.
constexpr std::array kCmeErrors{
	NumberedText{ 0, "phone failure" },
	NumberedText{ 1, "no connection to phone" },
	NumberedText{ 2, "phone-adaptor link reserved" },
	NumberedText{ 3, "operation not allowed" },
	NumberedText{ 4, "operation not supported" },
	NumberedText{ 5, "PH-SIM PIN required" },
	NumberedText{ 6, "PH-FSIM PIN required" },
	NumberedText{ 7, "PH-FSIM PUK required" },
	NumberedText{ 10, "SIM not inserted" },
	NumberedText{ 11, "SIM PIN required" },
	NumberedText{ 12, "SIM PUK required" },
	NumberedText{ 13, "SIM failure" },
	NumberedText{ 14, "SIM busy" },
	NumberedText{ 15, "SIM wrong" },
	NumberedText{ 16, "incorrect password" },
	NumberedText{ 17, "SIM PIN2 required" },
	NumberedText{ 18, "SIM PUK2 required" },
	NumberedText{ 20, "memory full" },
	NumberedText{ 21, "invalid index" },
	NumberedText{ 22, "not found" },
	NumberedText{ 23, "memory failure" },
	NumberedText{ 24, "text string too long" },
	NumberedText{ 25, "invalid characters in text string" },
	NumberedText{ 26, "dial string too long" },
	NumberedText{ 27, "invalid characters in dial string" },
	NumberedText{ 30, "no network service" },
	NumberedText{ 31, "network timeout" },
	NumberedText{ 32, "network not allowed - emergency calls only" },
	NumberedText{ 40, "network personalization PIN required" },
	NumberedText{ 41, "network personalization PUK required" },
	NumberedText{ 42, "network subset personalization PIN required" },
	NumberedText{ 43, "network subset personalization PUK required" },
	NumberedText{ 44, "service provider personalization PIN required" },
	NumberedText{ 45, "service provider personalization PUK required" },
	NumberedText{ 46, "corporate personalization PIN required" },
	NumberedText{ 47, "corporate personalization PUK required" },
	NumberedText{ 48, "hidden key required" },
	NumberedText{ 49, "EAP method not supported" },
	NumberedText{ 50, "incorrect parameters" },
	NumberedText{ 100, "unknown" },
	NumberedText{ 103, "illegal MS" },
	NumberedText{ 106, "illegal ME" },
	NumberedText{ 107, "GPRS services not allowed" },
	NumberedText{ 111, "PLMN not allowed" },
	NumberedText{ 112, "location area not allowed" },
	NumberedText{ 113, "roaming not allowed in this location area" },
	NumberedText{ 132, "service option not supported" },
	NumberedText{ 133, "requested service option not subscribed" },
	NumberedText{ 134, "service option temporarily out of order" },
	NumberedText{ 148, "unspecified GPRS error" },
	NumberedText{ 149, "PDP authentication failure" },
	NumberedText{ 150, "invalid mobile class" },
};

// TS 27.005 §3.2.5, verbose forms (0...255 are TS 24.011/23.040 network causes, no text).
constexpr std::array kCmsErrors{
	NumberedText{ 300, "ME failure" },
	NumberedText{ 301, "SMS service of ME reserved" },
	NumberedText{ 302, "operation not allowed" },
	NumberedText{ 303, "operation not supported" },
	NumberedText{ 304, "invalid PDU mode parameter" },
	NumberedText{ 305, "invalid text mode parameter" },
	NumberedText{ 310, "SIM not inserted" },
	NumberedText{ 311, "SIM PIN required" },
	NumberedText{ 312, "PH-SIM PIN required" },
	NumberedText{ 313, "SIM failure" },
	NumberedText{ 314, "SIM busy" },
	NumberedText{ 315, "SIM wrong" },
	NumberedText{ 316, "SIM PUK required" },
	NumberedText{ 317, "SIM PIN2 required" },
	NumberedText{ 318, "SIM PUK2 required" },
	NumberedText{ 320, "memory failure" },
	NumberedText{ 321, "invalid memory index" },
	NumberedText{ 322, "memory full" },
	NumberedText{ 330, "SMSC address unknown" },
	NumberedText{ 331, "no network service" },
	NumberedText{ 332, "network timeout" },
	NumberedText{ 340, "no +CNMA acknowledgement expected" },
	NumberedText{ 500, "unknown error" },
};

template<std::size_t N>
int lookupText(const std::array<NumberedText, N> &table, std::string_view text) noexcept
{
	text = trim(text);
	for (const NumberedText &e : table)
		if (iequals(e.text, text))
			return e.code;
	return -1;
}

/// "+CME ERROR: 10" or "+CME ERROR: SIM not inserted" -> code and text.
void parseErrorArgument(std::string_view arg, FinalResult &out,
			int (*fromText)(std::string_view) noexcept)
{
	arg = trim(arg);
	out.text = std::string(arg);
	int value = 0;
	const char *end = arg.data() + arg.size();
	auto [ptr, ec] = std::from_chars(arg.data(), end, value);
	if (ec == std::errc() && ptr == end && !arg.empty() && value >= 0)
		out.code = value;
	else
		out.code = fromText(arg);
}

// Prefixed unsolicited result codes recognised even while a command is in flight (as
// long as the command's own response prefix differs). Outside a command every
// non-final line is a URC anyway; this table only decides the in-command case.
constexpr std::string_view kPrefixedUrcs[] = {
	// TS 27.005 §3.4.1 / §3.4.2: new message indications.
	"+CMTI", "+CDSI", "+CBMI", "+CMT", "+CDS", "+CBM",
	// TS 27.007 §7.15 (USSD), §7.10 / §7.11 / §7.12 (calls), §7.2 / §10.1.19 / §10.1.22 (registration)
	"+CUSD", "+CRING", "+CLIP", "+CCWA", "+CSSI", "+CSSU", "+CREG", "+CGREG", "+CEREG",
	"+C5GREG", "+CGEV", "+CIEV", "+CTZV", "+CTZE", "+CUSATP", "+CUSATEND", "+CPIN",
	// Quectel EC25 boot and status indications ("+QIND: SMS DONE", "+QUSIM: 1", "+CFUN: 1").
	"+QIND", "+QUSIM", "+QIURC", "+CFUN",
	// Huawei (E3372, E3276, ME909): periodic status reports unless AT^CURC=0; gammu #115
	// saw an E3276 in 4G mode print radio levels between every command.
	"^HCSQ", "^RSSI", "^MODE", "^BOOT", "^SYSSTART", "^DSFLOWRPT", "^SRVST", "^SIMST",
	"^CEND", "^ORIG", "^CONF", "^CONN", "^NDISSTAT", "^STIN", "^SMMEMFULL", "^NWTIME",
	"^CERSSI",
	// Ericsson/Sierra MBM firmwares: "*EMRDY: 1" once the firmware is ready.
	"*EMRDY",
};

// Unprefixed URCs, matched on the whole line (case-insensitive).
constexpr std::string_view kWholeLineUrcs[] = {
	"RING",          // V.250 §6.3.1 incoming call
	"NO CARRIER",    // V.250 §5.7.1 with no command in flight: the call dropped
	"BUSY", "NO ANSWER", "NO DIALTONE",
	"RDY",           // Quectel EC25 after power-up
	"SMS DONE",      // SIMCom SIM7600: SMS storage ready
	"PB DONE",       // SIMCom SIM7600: phone book ready
	"SMS Ready",     // SIMCom SIM800 series
	"Call Ready",    // SIMCom SIM800 series
};

bool isKnownPrefixedUrc(std::string_view name) noexcept
{
	return std::find(std::begin(kPrefixedUrcs), std::end(kPrefixedUrcs), name) != std::end(kPrefixedUrcs);
}

/// Two-line URCs: header, then the PDU (TS 27.005 §3.4.1: "+CMT: [<alpha>],<length><CR><LF><pdu>",
/// "+CDS: <length><CR><LF><pdu>", "+CBM: <length><CR><LF><pdu>").
bool isTwoLineUrc(std::string_view name) noexcept
{
	return name == "+CMT" || name == "+CDS" || name == "+CBM";
}

/// URC name of a line: the upper-cased part before ':' of a prefixed line ("+CMTI",
/// "^HCSQ"), the table entry for RING/RDY/..., empty otherwise.
std::string urcNameOf(std::string_view line)
{
	std::string_view t = trim(line);
	if (!t.empty() && isPrefixChar(t.front())) {
		std::size_t end = 1;
		while (end < t.size() && t[end] != ':' && !isBlank(t[end]))
			++end;
		std::string name(t.substr(0, end));
		std::transform(name.begin(), name.end(), name.begin(), asciiUpper);
		return name;
	}
	for (std::string_view w : kWholeLineUrcs)
		if (iequals(w, t))
			return std::string(w);
	return {};
}

/// A line the modem can only have echoed: "AT", "ATE0", "AT+CMGF=0"... (V.250 §5.2.1:
/// a command line starts with "AT"). "ATTACH..." style text is not taken for one.
bool looksLikeCommandLine(std::string_view line) noexcept
{
	line = trimCommandEnd(line);
	if (!istartsWith(line, "AT"))
		return false;
	if (line.size() == 2)
		return true;
	char c = line[2];
	if (isPrefixChar(c) || c == '&' || c == '\\')
		return true;
	// Basic commands: one letter and an optional number (ATE0, ATZ, ATI, ATV1, ATS0=0).
	if (line.size() > 6)
		return false;
	for (std::size_t i = 3; i < line.size(); ++i)
		if (!((line[i] >= '0' && line[i] <= '9') || line[i] == '=' || line[i] == '?'))
			return false;
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/// An odd number of '"': a string constant is still open (V.250 §5.4.2.2 writes a
/// quote inside a string as \22, so every '"' opens or closes one).
bool hasOpenQuote(std::string_view line) noexcept
{
	return std::count(line.begin(), line.end(), '"') % 2 != 0;
}

} /* namespace */

std::string_view finalKindName(FinalKind kind) noexcept
{
	switch (kind) {
	case FinalKind::Ok: return "OK";
	case FinalKind::Error: return "ERROR";
	case FinalKind::CmeError: return "+CME ERROR";
	case FinalKind::CmsError: return "+CMS ERROR";
	case FinalKind::NoCarrier: return "NO CARRIER";
	case FinalKind::NoDialtone: return "NO DIALTONE";
	case FinalKind::Busy: return "BUSY";
	case FinalKind::NoAnswer: return "NO ANSWER";
	case FinalKind::Connect: return "CONNECT";
	}
	return "?";
}

std::string_view atEventKindName(AtEvent::Kind kind) noexcept
{
	switch (kind) {
	case AtEvent::Kind::Line: return "line";
	case AtEvent::Kind::Final: return "final";
	case AtEvent::Kind::Prompt: return "prompt";
	case AtEvent::Kind::Urc: return "urc";
	case AtEvent::Kind::Echo: return "echo";
	case AtEvent::Kind::Overflow: return "overflow";
	}
	return "?";
}

int cmeErrorCodeFromText(std::string_view text) noexcept
{
	return lookupText(kCmeErrors, text);
}

int cmsErrorCodeFromText(std::string_view text) noexcept
{
	return lookupText(kCmsErrors, text);
}

std::optional<FinalResult> parseFinalResult(std::string_view line)
{
	std::string_view t = trim(line);
	FinalResult r;
	// V.250 §5.7.1 table 1 (verbose result codes).
	struct Word {
		std::string_view text;
		FinalKind kind;
	};
	static constexpr std::array kWords{
		Word{ "OK", FinalKind::Ok },
		Word{ "ERROR", FinalKind::Error },
		Word{ "NO CARRIER", FinalKind::NoCarrier },
		Word{ "NO DIALTONE", FinalKind::NoDialtone },
		Word{ "NO DIAL TONE", FinalKind::NoDialtone }, // V.250 spells it with a space
		Word{ "BUSY", FinalKind::Busy },
		Word{ "NO ANSWER", FinalKind::NoAnswer },
		Word{ "CONNECT", FinalKind::Connect },
	};
	for (const Word &w : kWords) {
		if (iequals(t, w.text)) {
			r.kind = w.kind;
			return r;
		}
	}
	// "CONNECT 115200", "CONNECT 150000000" (V.250 §6.3.1 with X>0: speed text).
	if (istartsWith(t, "CONNECT ")) {
		r.kind = FinalKind::Connect;
		r.text = std::string(trim(t.substr(8)));
		return r;
	}
	// TS 27.007 §9.2: "+CME ERROR: <err>"; TS 27.005 §3.2.5: "+CMS ERROR: <err>".
	// The blank after ':' is optional here as in every other response (Huawei writes
	// "^RSSI:14"), so "+CME ERROR:10" is accepted too.
	for (auto [prefix, kind] : { std::pair{ std::string_view("+CME ERROR:"), FinalKind::CmeError },
				     std::pair{ std::string_view("+CMS ERROR:"), FinalKind::CmsError } }) {
		if (istartsWith(t, prefix)) {
			r.kind = kind;
			parseErrorArgument(t.substr(prefix.size()), r,
					   kind == FinalKind::CmeError ? cmeErrorCodeFromText
								       : cmsErrorCodeFromText);
			return r;
		}
	}
	return std::nullopt;
}

std::string commandResponsePrefix(std::string_view commandLine)
{
	std::string_view t = trimCommandEnd(commandLine);
	if (!istartsWith(t, "AT") || t.size() < 3 || !isPrefixChar(t[2]))
		return {};
	std::size_t end = 3;
	while (end < t.size() && t[end] != '=' && t[end] != '?' && t[end] != ';' && !isBlank(t[end]))
		++end;
	std::string prefix(t.substr(2, end - 2));
	std::transform(prefix.begin(), prefix.end(), prefix.begin(), asciiUpper);
	return prefix;
}

void AtFramer::beginCommand(std::string_view commandLine)
{
	// A +CMT header waiting for its PDU line keeps waiting: the PDU follows it directly.
	std::string_view cmd = trimCommandEnd(commandLine);
	command_ = std::string(cmd);
	lastCommand_ = command_;
	prefix_ = commandResponsePrefix(cmd);
	std::string_view args = cmd.size() >= 2 + prefix_.size() ? cmd.substr(2 + prefix_.size())
								  : std::string_view{};
	cusdQuery_ = prefix_ == "+CUSD" && (args == "?" || args == "=?");
	// TS 27.005 §3.5.1 (+CMGS), §3.5.3 (+CMGW), §3.5.5 (+CMGC): in PDU mode the TA sends
	// <CR><LF><greater_than><space> and waits for the PDU. Test commands (=?) do not.
	expectPrompt_ = (prefix_ == "+CMGS" || prefix_ == "+CMGW" || prefix_ == "+CMGC") &&
			args != "=?" && args != "?";
	inCommand_ = true;
	echoPending_ = true;
	payload_.clear();
}

void AtFramer::endCommand()
{
	inCommand_ = false;
	echoPending_ = false;
	expectPrompt_ = false;
	cusdQuery_ = false;
	payload_.clear();
	command_.clear();
	prefix_.clear();
}

void AtFramer::sentPayload(std::string_view payload)
{
	payload_ = std::string(trimCommandEnd(payload));
}

void AtFramer::reset()
{
	*this = AtFramer{};
}

void AtFramer::feed(std::string_view bytes)
{
	for (char c : bytes)
		onByte(c);
}

std::optional<AtEvent> AtFramer::next()
{
	if (events_.empty())
		return std::nullopt;
	AtEvent ev = std::move(events_.front());
	events_.pop_front();
	return ev;
}

void AtFramer::push(AtEvent ev)
{
	if (events_.size() >= kMaxQueuedEvents) {
		events_.pop_front();
		++dropped_;
	}
	events_.push_back(std::move(ev));
}

void AtFramer::flushPendingUrc()
{
	if (pendingUrc_) {
		push(std::move(*pendingUrc_));
		pendingUrc_.reset();
	}
}

void AtFramer::onByte(char c)
{
	// NUL never belongs to a response; Espressif AT firmware sends one before the echo
	// ("\x00AT+HTTPCGET=...", atat #231).
	if (c == '\0')
		return;

	if (swallowSpace_) {
		swallowSpace_ = false;
		if (c == ' ')
			return;
	}

	// V.250 §5.7.1: responses end in S3 S4 (CR LF). Bare LF and bare CR also end a line:
	// the echo of a command ends with the S3 (CR) the host sent, so "AT\r\r\nOK" is
	// universal; WebDyn EasyDot sends "+CPIN: READY\nOK" with a bare LF (ATLib #63). The
	// LF after a CR then ends an empty line, which is skipped. While the echo of an SMS
	// payload is expected, its Ctrl-Z/ESC ends it too.
	if (c == '\r' || c == '\n' || (!payload_.empty() && (c == '\x1a' || c == '\x1b'))) {
		if (discarding_)
			discarding_ = false;
		else
			endLine();
		return;
	}
	if (discarding_)
		return;
	// ESC and Ctrl-Z at the start of a line are the host's own abort characters echoed
	// back (gammu #115: Huawei E3276 answers "\x1b\rAT\r\r\nOK" after gammu's ESC).
	if (line_.empty() && (c == '\x1a' || c == '\x1b'))
		return;

	// TS 27.005 §3.5.1: the prompt is "> " with no line end after it.
	if (c == '>' && line_.empty() && inCommand_ && expectPrompt_) {
		expectPrompt_ = false;
		echoPending_ = false;
		swallowSpace_ = true;
		push(AtEvent{ AtEvent::Kind::Prompt, "> ", std::nullopt, {}, {} });
		return;
	}

	if (line_.size() >= kMaxLineLength) {
		// Bound memory: report what we have, drop the rest of this line.
		flushPendingUrc();
		if (pendingCusd_) {
			push(std::move(*pendingCusd_));
			pendingCusd_.reset();
		}
		push(AtEvent{ AtEvent::Kind::Overflow, std::move(line_), std::nullopt, {}, {} });
		line_.clear();
		discarding_ = true;
		return;
	}
	line_.push_back(c);

	// Echo glued to the response: u-blox SARA holds back the CR LF of the echo until the
	// response is ready (Arduino MKRGSM #52), and a host that sends the command without
	// S3 gets an echo with no line end at all, so "AT+CGMIQUALCOMM INCORPORATED" can
	// arrive as one line. The echo is exactly what was sent, so it is cut off as soon as
	// the line equals it.
	if (inCommand_ && echoPending_ && !pendingUrc_ && !command_.empty() &&
	    line_.size() == command_.size() && iequals(line_, command_)) {
		echoPending_ = false;
		push(AtEvent{ AtEvent::Kind::Echo, std::move(line_), std::nullopt, {}, {} });
		line_.clear();
	}
}

bool AtFramer::continueCusd(std::string &line)
{
	if (!pendingCusd_)
		return false;
	// A final result, a new +CUSD or a command echo cannot be USSD text: the open quote
	// was a firmware bug, so the +CUSD goes out as it is and the line is classified.
	std::string_view t = trimCommandEnd(line);
	if (parseFinalResult(t) || istartsWith(t, "+CUSD:") || looksLikeCommandLine(t)) {
		push(std::move(*pendingCusd_));
		pendingCusd_.reset();
		return false;
	}
	std::string &text = pendingCusd_->line;
	text.push_back('\n');
	text.append(line);
	if (text.size() >= kMaxLineLength) {
		text.resize(kMaxLineLength);
	} else if (hasOpenQuote(text)) {
		return true;
	}
	push(std::move(*pendingCusd_));
	pendingCusd_.reset();
	return true;
}

bool AtFramer::matchesEcho(std::string_view line) const
{
	return !command_.empty() && iequals(trimCommandEnd(line), command_);
}

void AtFramer::endLine()
{
	if (line_.empty())
		return;
	std::string line = std::move(line_);
	line_.clear();
	// V.250 §5.7.1: empty lines (CR LF CR LF between responses) carry nothing.
	if (trim(line).empty())
		return;
	classify(std::move(line));
}

void AtFramer::classify(std::string line)
{
	using Kind = AtEvent::Kind;

	// TS 27.005 §3.4.1: the line after +CMT/+CDS/+CBM is its PDU, whatever it looks like.
	if (pendingUrc_) {
		pendingUrc_->pdu = std::move(line);
		flushPendingUrc();
		return;
	}
	if (continueCusd(line))
		return;

	if (inCommand_) {
		if (echoPending_ && (matchesEcho(line) || looksLikeCommandLine(line))) {
			echoPending_ = false;
			push(AtEvent{ Kind::Echo, std::move(line), std::nullopt, {}, {} });
			return;
		}
		if (!payload_.empty() && iequals(trimCommandEnd(line), payload_)) {
			payload_.clear();
			push(AtEvent{ Kind::Echo, std::move(line), std::nullopt, {}, {} });
			return;
		}
		if (auto final = parseFinalResult(line)) {
			endCommand();
			push(AtEvent{ Kind::Final, std::move(line), std::move(final), {}, {} });
			return;
		}
		std::string name = urcNameOf(line);
		bool urc;
		if (name == "+CUSD")
			urc = !cusdQuery_; // the reply to AT+CUSD=1,... comes after OK: a URC.
		else if (!prefix_.empty() && name == prefix_)
			urc = false;
		else
			// Final words were taken above, so a non-empty unprefixed name is
			// RING, RDY, SMS DONE...
			urc = isKnownPrefixedUrc(name) || (!name.empty() && !isPrefixChar(name.front()));
		if (!urc) {
			echoPending_ = false;
			push(AtEvent{ Kind::Line, std::move(line), std::nullopt, {}, {} });
			return;
		}
		if (isTwoLineUrc(name)) {
			pendingUrc_ = AtEvent{ Kind::Urc, std::move(line), std::nullopt, std::move(name), {} };
			return;
		}
		if (name == "+CUSD" && hasOpenQuote(line)) {
			pendingCusd_ = AtEvent{ Kind::Urc, std::move(line), std::nullopt, std::move(name), {} };
			return;
		}
		push(AtEvent{ Kind::Urc, std::move(line), std::nullopt, std::move(name), {} });
		return;
	}

	// No command in flight.
	if ((!lastCommand_.empty() && iequals(trimCommandEnd(line), lastCommand_)) ||
	    looksLikeCommandLine(line)) {
		// A late echo (the command timed out first) or another program writing the port.
		push(AtEvent{ Kind::Echo, std::move(line), std::nullopt, {}, {} });
		return;
	}
	if (auto final = parseFinalResult(line)) {
		switch (final->kind) {
		case FinalKind::NoCarrier:
		case FinalKind::NoDialtone:
		case FinalKind::Busy:
		case FinalKind::NoAnswer:
			// V.250 §6.3: with no command in flight these report a call ending: a URC.
			break;
		case FinalKind::Ok:
		case FinalKind::Error:
		case FinalKind::CmeError:
		case FinalKind::CmsError:
		case FinalKind::Connect:
			// A stray final result (late reply after a timeout): reported as Final so the
			// channel can log it; no command is ended by it.
			push(AtEvent{ Kind::Final, std::move(line), std::move(final), {}, {} });
			return;
		}
	}
	std::string name = urcNameOf(line);
	if (isTwoLineUrc(name)) {
		pendingUrc_ = AtEvent{ Kind::Urc, std::move(line), std::nullopt, std::move(name), {} };
		return;
	}
	if (name == "+CUSD" && hasOpenQuote(line)) {
		pendingCusd_ = AtEvent{ Kind::Urc, std::move(line), std::nullopt, std::move(name), {} };
		return;
	}
	push(AtEvent{ Kind::Urc, std::move(line), std::nullopt, std::move(name), {} });
}

} /* namespace zanryo */
