// The control socket: one text command per line, one answer line each (tests/sim/README.md).
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <fmt/format.h>
#include <unistd.h>

#include "sim_device.hpp"
#include "sim_log.hpp"

namespace zanryo::sim {

namespace asio = boost::asio;
using asio::local::stream_protocol;

namespace {

// "a\nb" in a control line stands for a line break; "\\" for a backslash.
std::string unescape(std::string_view s)
{
	std::string out;
	for (std::size_t i = 0; i < s.size(); ++i) {
		if (s[i] == '\\' && i + 1 < s.size()) {
			char n = s[++i];
			out += n == 'n' ? '\n' : n == 'r' ? '\r' : n;
		} else {
			out += s[i];
		}
	}
	return out;
}

std::pair<std::string_view, std::string_view> splitWord(std::string_view s)
{
	while (!s.empty() && s.front() == ' ')
		s.remove_prefix(1);
	std::size_t sp = s.find(' ');
	if (sp == std::string_view::npos)
		return { s, {} };
	std::string_view rest = s.substr(sp + 1);
	while (!rest.empty() && rest.front() == ' ')
		rest.remove_prefix(1);
	return { s.substr(0, sp), rest };
}

bool parseInt(std::string_view s, int &out, int min, int max)
{
	auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
	return ec == std::errc() && p == s.data() + s.size() && out >= min && out <= max;
}

} /* namespace */

bool Simulator::listenControl(const std::string &path, std::string *error)
{
	controlPath_ = path;
	::unlink(path.c_str());
	boost::system::error_code ec;
	acceptor_ = std::make_unique<stream_protocol::acceptor>(io_);
	acceptor_->open(stream_protocol(), ec);
	if (!ec)
		acceptor_->bind(stream_protocol::endpoint(path), ec);
	if (!ec)
		acceptor_->listen(asio::socket_base::max_listen_connections, ec);
	if (ec) {
		*error = fmt::format("control socket {}: {}", path, ec.message());
		acceptor_.reset();
		return false;
	}
	acceptControl();
	return true;
}

void Simulator::acceptControl()
{
	acceptor_->async_accept([this](const boost::system::error_code &ec, stream_protocol::socket socket) {
		if (ec || !acceptor_)
			return;
		serveControl(std::make_shared<stream_protocol::socket>(std::move(socket)),
			     std::make_shared<std::string>());
		acceptControl();
	});
}

void Simulator::serveControl(std::shared_ptr<stream_protocol::socket> socket, std::shared_ptr<std::string> buffer)
{
	asio::async_read_until(
		*socket, asio::dynamic_buffer(*buffer), '\n',
		[this, socket, buffer](const boost::system::error_code &ec, std::size_t n) {
			if (ec || stopped_)
				return;
			std::string line = buffer->substr(0, n - 1);
			buffer->erase(0, n);
			if (!line.empty() && line.back() == '\r')
				line.pop_back();
			auto answer = std::make_shared<std::string>(control(line) + "\n");
			asio::async_write(*socket, asio::buffer(*answer),
					  [this, socket, buffer, answer](const boost::system::error_code &wec, std::size_t) {
						  if (!wec)
							  serveControl(socket, buffer);
					  });
		});
}

std::string Simulator::control(std::string_view line)
{
	logLine("control", std::string(line));
	auto [cmd, rest] = splitWord(line);
	int n = 0;
	if (cmd == "status")
		return engine_.statusJson();
	if (cmd == "hang") {
		engine_.setHung(true);
		return "ok";
	}
	if (cmd == "unhang") {
		engine_.setHung(false);
		return "ok";
	}
	if (cmd == "garbage") {
		if (!parseInt(rest, n, 1, 65536))
			return "error: garbage wants a byte count 1..65536";
		if (!port_)
			return "error: unplugged";
		garbage(static_cast<std::size_t>(n));
		return "ok";
	}
	if (cmd == "echo") {
		if (rest != "on" && rest != "off")
			return "error: echo on|off";
		engine_.setEcho(rest == "on");
		return "ok";
	}
	if (cmd == "urc-in-reply") {
		if (rest.empty())
			return "error: urc-in-reply wants the line to insert";
		faults_.urcInReply = unescape(rest);
		return "ok";
	}
	if (cmd == "cme-error") {
		auto [prefix, code] = splitWord(rest);
		if (prefix.empty())
			return "error: cme-error COMMAND N|off";
		std::erase_if(faults_.cmeErrors, [&](const CmeFault &f) { return f.prefix == prefix; });
		if (code == "off")
			return "ok";
		if (!parseInt(code, n, 0, 65535))
			return "error: cme-error COMMAND N|off";
		faults_.cmeErrors.push_back({ std::string(prefix), n });
		return "ok";
	}
	if (cmd == "cusd-status") {
		if (!parseInt(rest, n, 0, 5))
			return "error: cusd-status wants 0..5";
		faults_.cusdStatus = n;
		return "ok";
	}
	if (cmd == "drop-sms-reply") {
		if (!rest.empty() && rest != "on" && rest != "off")
			return "error: drop-sms-reply [on|off]";
		faults_.dropSmsReply = rest != "off";
		return "ok";
	}
	if (cmd == "slow") {
		if (!parseInt(rest, n, 0, 10000))
			return "error: slow wants milliseconds 0..10000";
		faults_.slowMs = n;
		return "ok";
	}
	if (cmd == "unplug") {
		if (!port_)
			return "error: already unplugged";
		unplug();
		return "ok";
	}
	if (cmd == "replug") {
		if (port_)
			return "error: not unplugged";
		std::string error;
		if (!plug(&error))
			return "error: " + error;
		return "ok";
	}
	if (cmd == "deliver-sms") {
		auto [from, text] = splitWord(rest);
		if (from.empty() || text.empty())
			return "error: deliver-sms FROM TEXT";
		std::string error;
		if (!engine_.network().deliverSms(std::string(from), unescape(text), SmsDelivery::FollowCnmi, &error))
			return "error: " + error;
		return "ok";
	}
	if (cmd == "ussd-notify") {
		if (rest.empty())
			return "error: ussd-notify TEXT";
		engine_.network().ussdNotify(unescape(rest));
		return "ok";
	}
	if (cmd == "urc") {
		if (rest.empty())
			return "error: urc TEXT";
		engine_.urc(unescape(rest));
		return "ok";
	}
	if (cmd == "clear") {
		faults_ = Faults{};
		engine_.setHung(false);
		return "ok";
	}
	return fmt::format("error: unknown command \"{}\"", cmd);
}

} /* namespace zanryo::sim */
