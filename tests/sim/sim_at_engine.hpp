#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim_network.hpp"
#include "sim_scenario.hpp"

namespace zanryo::sim {

/// Where the modem's bytes go (the pty master, through the slow-write fault).
class TerminalSink
{
public:
	virtual ~TerminalSink() = default;
	virtual void toTerminal(std::string bytes) = 0;
};

/// One command of a command line (V.250 §5.2): "+CUSD=1,\"*100#\",15" or "E0".
struct AtCommand {
	enum class Form {
		Exec,  ///< AT+CGMI, ATE0
		Read,  ///< AT+CSCS?
		Test,  ///< AT+CSCS=?
		Set,   ///< AT+CSCS="UCS2"
	};
	std::string name;  ///< upper case: "+CUSD", "E", "&F", "S0"
	Form form = Form::Exec;
	std::string args;  ///< after '=' (Set) or the digits of a basic command
	std::string text;  ///< the command as sent, for logs and the cme-error fault
};

/// A parameter of an extended command: "UCS2" (quoted) or 1.
struct AtArg {
	std::string value;
	bool quoted = false;
	bool empty() const { return value.empty() && !quoted; }
};

/// Split "AT..." after the prefix into commands; std::nullopt on a syntax error.
std::optional<std::vector<AtCommand>> parseCommandLine(std::string_view body);
/// Split "1,\"*100#\",15" into arguments; std::nullopt on an unterminated string.
std::optional<std::vector<AtArg>> parseArgs(std::string_view args);

/// The modem: the V.250 command interpreter, TS 27.007/27.005 commands, the SIM's SMS
/// storage. Bytes in with feed(), bytes out through the TerminalSink. No I/O of its own.
class AtEngine : public RadioSink
{
public:
	AtEngine(const Scenario &scenario, Faults &faults, Scheduler &scheduler, TerminalSink &terminal);

	/// Bytes from the client (the pty master read).
	void feed(std::string_view bytes);
	/// The port went away (unplug) or came back (replug): settings return to power-on
	/// values, the USSD session ends; SMS storage (the SIM) is kept.
	void setAttached(bool attached);
	bool attached() const { return attached_; }
	void start() { network_.start(); }

	Network &network() { return network_; }
	void setEcho(bool on) { echo_ = on; }
	void setHung(bool hung);
	/// Emit an unsolicited result line now (or when the hang ends).
	void urc(const std::string &text);
	std::size_t storedSmsCount() const;
	std::string statusJson() const;

	// RadioSink
	void ussdFromNetwork(int status, const std::string *text, const UssdNode *node) override;
	void smsFromNetwork(std::vector<std::uint8_t> pdu, std::size_t tpduLength,
			    SmsDelivery delivery) override;

	/// Outcome of one command: the final result code it asks for.
	struct Outcome {
		enum class Kind {
			Ok,
			Error,     ///< plain ERROR (syntax, unknown command)
			CmeError,  ///< +CME ERROR (TS 27.007 §9.2), shown per +CMEE
			CmsError,  ///< +CMS ERROR (TS 27.005 §3.2.5), always numeric
			Prompt,    ///< AT+CMGS: "> " and PDU input follows
		};
		Kind kind = Kind::Ok;
		int code = 0;
	};

	struct StoredSms {
		int stat = 0;  ///< TS 27.005 §3.1 <stat>: 0 unread, 1 read, 2 unsent, 3 sent
		std::vector<std::uint8_t> pdu;  ///< with the SMSC part
		std::size_t tpduLength = 0;
	};
	struct SmsMemory {
		std::string name;  ///< "SM", "ME"
		std::vector<std::optional<StoredSms>> slots;
		int used() const;
	};

private:
	using Lines = std::vector<std::string>;
	using Handler = Outcome (AtEngine::*)(const AtCommand &, Lines &);

	void processLine(const std::string &line);
	void finishPdu(bool send);
	std::string finalText(Outcome o) const;
	void emit(std::string bytes);
	void resetSettings();

	// sim_at_commands.cpp: V.250 basics, identity, network, USSD.
	void registerCommands();
	Outcome basic(const AtCommand &c, Lines &out);
	Outcome identity(const AtCommand &c, Lines &out);
	Outcome cmee(const AtCommand &c, Lines &out);
	Outcome cscs(const AtCommand &c, Lines &out);
	Outcome cops(const AtCommand &c, Lines &out);
	Outcome registration(const AtCommand &c, Lines &out);
	Outcome misc(const AtCommand &c, Lines &out);
	Outcome cusd(const AtCommand &c, Lines &out);
	std::string encodeUssd(const std::string &text, const UssdNode *node, int &dcs) const;
	std::vector<std::string> decodeUssdInput(const std::string &str) const;

	// sim_at_sms.cpp: TS 27.005 PDU mode.
	Outcome cmgf(const AtCommand &c, Lines &out);
	Outcome cmgs(const AtCommand &c, Lines &out);
	Outcome cpms(const AtCommand &c, Lines &out);
	Outcome cnmi(const AtCommand &c, Lines &out);
	Outcome cmgr(const AtCommand &c, Lines &out);
	Outcome cmgl(const AtCommand &c, Lines &out);
	Outcome cmgd(const AtCommand &c, Lines &out);
	Outcome smsMisc(const AtCommand &c, Lines &out);
	SmsMemory *memory(const std::string &name);
	/// First <index> of a memory: 1 on most modems, 0 on Huawei and Quectel.
	int indexBase() const { return scenario_.quirk == QuirkProfile::Generic ? 1 : 0; }

	const Scenario &scenario_;
	Faults &faults_;
	TerminalSink &terminal_;
	Network network_;
	std::map<std::string, Handler> handlers_;

	bool attached_ = true;
	bool hung_ = false;
	std::vector<std::string> heldUrcs_;  ///< URCs raised while hung, sent at unhang

	// Power-on settings (resetSettings()).
	bool echo_ = true;
	int cmee_ = 0;
	std::string cscs_ = "GSM";
	int copsFormat_ = 0;
	int cmgf_ = 0;
	int cnmiMode_ = 2;
	int cnmiMt_ = 1;
	int cusdPresentation_ = 1;
	std::string mem1_ = "SM", mem2_ = "SM", mem3_ = "SM";

	std::vector<SmsMemory> memories_;
	std::uint8_t nextMr_ = 1;

	// Line discipline.
	std::string line_;
	std::string lastLine_;
	bool prompt_ = false;
	std::size_t promptLength_ = 0;
	std::string pduBuffer_;
	std::size_t commandsSeen_ = 0;
	std::string lastCommand_;
};

} /* namespace zanryo::sim */
