#include "libmodem/at/at_channel.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <fmt/core.h>

#include "libmodem/at/port_holders.hpp"
#include "libmodem/log/log.hpp"

namespace zanryo {

namespace asio = boost::asio;

namespace {

/// TS 27.007 §9.2.1 / §9.2.2: the +CME ERROR numbers a balance query meets.
std::string_view cmeText(int code)
{
	switch (code) {
	case 0: return "phone failure";
	case 3: return "operation not allowed";
	case 4: return "operation not supported";
	case 10: return "SIM not inserted";
	case 11: return "SIM PIN required";
	case 12: return "SIM PUK required";
	case 13: return "SIM failure";
	case 14: return "SIM busy";
	case 15: return "SIM wrong";
	case 16: return "incorrect password";
	case 20: return "memory full";
	case 21: return "invalid index";
	case 22: return "not found";
	case 30: return "no network service";
	case 31: return "network timeout";
	case 32: return "network not allowed - emergency calls only";
	case 100: return "unknown";
	default: return {};
	}
}

/// TS 27.005 §3.2.5: +CMS ERROR numbers of SMS commands.
std::string_view cmsText(int code)
{
	switch (code) {
	case 300: return "ME failure";
	case 301: return "SMS service of ME reserved";
	case 302: return "operation not allowed";
	case 303: return "operation not supported";
	case 304: return "invalid PDU mode parameter";
	case 305: return "invalid text mode parameter";
	case 310: return "SIM not inserted";
	case 311: return "SIM PIN required";
	case 313: return "SIM failure";
	case 314: return "SIM busy";
	case 320: return "memory failure";
	case 321: return "invalid memory index";
	case 322: return "memory full";
	case 330: return "SMSC address unknown";
	case 331: return "no network service";
	case 332: return "network timeout";
	case 500: return "unknown error";
	default: return {};
	}
}

/// A traced line as a person reads it: the CR that ends a command dropped, other control
/// characters named ("<Ctrl-Z>" after a PDU, "<Esc>" of a resync).
std::string printable(std::string_view text)
{
	while (!text.empty() && (text.back() == '\r' || text.back() == '\n'))
		text.remove_suffix(1);
	std::string out;
	out.reserve(text.size());
	for (char c : text) {
		auto u = static_cast<unsigned char>(c);
		if (u == 0x1a)
			out += "<Ctrl-Z>";
		else if (u == 0x1b)
			out += "<Esc>";
		else if (u == '\r')
			out += "<CR>";
		else if (u < 0x20 || u == 0x7f)
			out += fmt::format("<0x{:02X}>", u);
		else
			out.push_back(c);
	}
	return out;
}

std::string seconds(std::chrono::milliseconds d)
{
	if (d.count() % 1000 == 0)
		return fmt::format("{} s", d.count() / 1000);
	return fmt::format("{:.1f} s", static_cast<double>(d.count()) / 1000.0);
}

} /* namespace */

std::string_view atChannelStateName(AtChannelState s) noexcept
{
	switch (s) {
	case AtChannelState::Closed: return "closed";
	case AtChannelState::Open: return "open";
	case AtChannelState::Reconnecting: return "reconnecting";
	}
	return "?";
}

std::string describeFinal(const FinalResult &final, std::string_view line)
{
	std::string text(line);
	std::string_view meaning;
	if (final.kind == FinalKind::CmeError)
		meaning = cmeText(final.code);
	else if (final.kind == FinalKind::CmsError)
		meaning = cmsText(final.code);
	// With +CMEE=2 the line already says it in words.
	if (!meaning.empty() && text.find(meaning) == std::string::npos)
		text += fmt::format(" ({})", meaning);
	return text;
}

std::shared_ptr<AtChannel> AtChannel::create(asio::any_io_executor executor, std::string path,
					     AtChannelOptions options)
{
	return std::shared_ptr<AtChannel>(new AtChannel(std::move(executor), std::move(path), options));
}

AtChannel::AtChannel(asio::any_io_executor executor, std::string path, AtChannelOptions options)
	: executor_(executor), path_(std::move(path)), options_(options), port_(executor)
{
}

AtChannel::~AtChannel()
{
	boost::system::error_code ec;
	port_.close(ec);
}

void AtChannel::trace(bool outgoing, std::string_view text)
{
	if (traceHandler_)
		traceHandler_(outgoing, text);
	if (!options_.trace && !log::enabled(log::Level::Trace))
		return;
	std::string shown;
	if (log::unmasked())
		shown = std::string(text);
	else
		shown = outgoing ? traceMasker_.outgoing(text) : traceMasker_.incoming(text);
	const std::string &name = options_.traceName.empty() ? path_ : options_.traceName;
	const std::string ts = log::timestamp();
	// One record per line: a +CMT header and its PDU are two.
	std::string_view rest = shown;
	while (true) {
		std::size_t nl = outgoing ? std::string_view::npos : rest.find('\n');
		std::string line = fmt::format("{} {} {}", ts, outgoing ? "-->" : "<--", printable(rest.substr(0, nl)));
		log::emit(log::Record{ log::Level::Trace, name, line });
		if (nl == std::string_view::npos)
			return;
		rest.remove_prefix(nl + 1);
	}
}

void AtChannel::setState(AtChannelState s)
{
	if (state_ == s)
		return;
	state_ = s;
	if (stateHandler_)
		stateHandler_(s);
}

Error AtChannel::inUse(const std::vector<PortHolder> &holders) const
{
	std::string who = describeHolders(holders);
	return makeError(Errc::Busy, who.empty() ? fmt::format("{} is in use by another program", path_)
						 : fmt::format("{} is in use by another program: {}", path_, who));
}

Result<void> AtChannel::openPort()
{
	int fd = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		if (err == EBUSY)  // another program set TIOCEXCL (tty_ioctl(4))
			return inUse(portHolders(path_));
		if (err == EACCES || err == EPERM)
			return makeError(Errc::ConfigError,
					 fmt::format("cannot open {}: {}", path_, std::strerror(err)));
		return makeError(Errc::DeviceGone,
				 fmt::format("cannot open {}: {}", path_, std::strerror(err)));
	}
	termios tio{};
	if (::tcgetattr(fd, &tio) != 0) {
		::close(fd);
		return makeError(Errc::NotAModem,
				 fmt::format("{} does not answer AT (not a terminal)", path_));
	}
	// One user per port: AT commands of two programs interleave and each reads the
	// other's replies. TIOCEXCL makes later opens fail with EBUSY, except for root, which
	// it does not stop: hence the look for other holders too.
	(void)::ioctl(fd, TIOCEXCL);
	if (auto holders = portHolders(path_); !holders.empty()) {
		::close(fd);
		return inUse(holders);
	}
	// Raw 8N1: no line editing, no CR/LF translation (V.250 framing is done by AtFramer),
	// no XON/XOFF (PDUs in hex never need it and a stray 0x13 would freeze the port),
	// no RTS/CTS, CLOCAL so a modem that drops DCD does not hang up the port.
	::cfmakeraw(&tio);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cflag &= ~static_cast<tcflag_t>(CRTSCTS | HUPCL | CSTOPB);
	tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	::cfsetispeed(&tio, B115200);
	::cfsetospeed(&tio, B115200);
	if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
		int err = errno;
		::close(fd);
		return makeError(Errc::NotAModem, fmt::format("cannot set up {} as a serial port: {}",
							      path_, std::strerror(err)));
	}
	// Bytes left from a previous user of the port belong to nobody.
	::tcflush(fd, TCIOFLUSH);
	boost::system::error_code ec;
	port_.assign(fd, ec);
	if (ec) {
		::close(fd);
		return makeError(Errc::NotAModem,
				 fmt::format("cannot watch {}: {}", path_, ec.message()));
	}
	framer_.reset();
	return {};
}

void AtChannel::closePort()
{
	boost::system::error_code ec;
	port_.cancel(ec);
	port_.close(ec);
	framer_.reset();
}

Result<void> AtChannel::open()
{
	if (state_ == AtChannelState::Open)
		return {};
	auto r = openPort();
	if (!r)
		return r;
	closed_ = false;
	needsResync_ = false;
	promptLeftOpen_ = false;
	++generation_;
	setState(AtChannelState::Open);
	asio::co_spawn(executor_, readLoop(shared_from_this(), generation_), asio::detached);
	return {};
}

void AtChannel::close()
{
	closed_ = true;
	++generation_;
	closePort();
	failPending(makeError(Errc::Cancelled, fmt::format("{} was closed", path_)));
	for (auto *w : waiters_)
		w->cancel();
	setState(AtChannelState::Closed);
}

void AtChannel::failPending(Error error)
{
	if (pending_ && !pending_->done) {
		pending_->error = std::move(error);
		pending_->done = true;
		if (pending_->timer)
			pending_->timer->cancel();
	}
}

void AtChannel::portLost(std::string why)
{
	closePort();
	++generation_;
	failPending(makeError(Errc::DeviceGone, fmt::format("{} is gone ({})", path_, why)));
	// Queued callers wake up, see the state and give up with DeviceGone in turn.
	for (auto *w : waiters_)
		w->cancel();
	if (closed_)
		return;
	if (!options_.reopen) {
		closed_ = true;
		setState(AtChannelState::Closed);
		return;
	}
	setState(AtChannelState::Reconnecting);
	asio::co_spawn(executor_, reopenLoop(shared_from_this(), generation_), asio::detached);
}

asio::awaitable<void> AtChannel::readLoop(std::shared_ptr<AtChannel> self, std::uint64_t generation)
{
	(void)self;  // keeps the channel alive while the loop runs
	std::array<char, 2048> buf;
	while (true) {
		boost::system::error_code ec;
		std::size_t n = co_await port_.async_read_some(
			asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
		if (generation != generation_)
			co_return;  // closed or reopened meanwhile: this loop is stale
		if (ec) {
			// EIO on a tty whose USB device went away or a pty whose master closed;
			// EOF when the descriptor says so.
			portLost(ec == asio::error::eof ? "end of file" : ec.message());
			co_return;
		}
		framer_.feed(std::string_view(buf.data(), n));
		while (auto ev = framer_.next())
			onEvent(std::move(*ev));
	}
}

asio::awaitable<void> AtChannel::reopenLoop(std::shared_ptr<AtChannel> self, std::uint64_t generation)
{
	auto delay = options_.reopenInitialDelay;
	asio::steady_timer timer(executor_);
	while (generation == generation_ && !closed_) {
		timer.expires_after(delay);
		boost::system::error_code ec;
		co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (generation != generation_ || closed_)
			co_return;
		auto r = openPort();
		if (r) {
			++generation_;
			++stats_.reopens;
			// The modem restarted: whatever it was doing is gone, no resync needed.
			needsResync_ = false;
			promptLeftOpen_ = false;
			setState(AtChannelState::Open);
			asio::co_spawn(executor_, readLoop(self, generation_), asio::detached);
			co_return;
		}
		delay = std::min(delay * 2, options_.reopenMaxDelay);
	}
}

void AtChannel::onEvent(AtEvent ev)
{
	using Kind = AtEvent::Kind;
	if (ev.kind != Kind::Prompt)
		trace(false, ev.pdu.empty() ? ev.line : ev.line + "\n" + ev.pdu);
	switch (ev.kind) {
	case Kind::Urc:
		++stats_.urcs;
		if (urcHandler_)
			urcHandler_(ev);
		return;
	case Kind::Echo:
		return;
	case Kind::Prompt:
		trace(false, "> ");
		if (pending_ && pending_->wantPrompt && !pending_->done) {
			pending_->promptSeen = true;
			if (pending_->timer)
				pending_->timer->cancel();
		}
		return;
	case Kind::Line:
	case Kind::Overflow:
		if (pending_ && !pending_->done) {
			pending_->response.lines.push_back(std::move(ev.line));
			return;
		}
		++stats_.strayLines;
		return;
	case Kind::Final:
		if (!pending_ || pending_->done) {
			++stats_.strayLines;
			return;
		}
		pending_->done = true;
		if (ev.final->isError())
			pending_->error = makeError(Errc::ModemError,
						    fmt::format("{}: modem answered {}", pending_->line,
								describeFinal(*ev.final, ev.line)),
						    Error::kNoOffset, ev.line);
		else
			pending_->response.final = *ev.final;
		if (pending_->timer)
			pending_->timer->cancel();
		return;
	}
}

asio::awaitable<Result<void>> AtChannel::acquire()
{
	if (!busy_) {
		busy_ = true;
		co_return Result<void>{};
	}
	asio::steady_timer turn(executor_, asio::steady_timer::time_point::max());
	waiters_.push_back(&turn);
	boost::system::error_code ec;
	co_await turn.async_wait(asio::redirect_error(asio::use_awaitable, ec));
	// Woken by release() (our turn: busy_ passed to us), or by close()/portLost(),
	// which wake everyone: then the queue entry is still ours to remove.
	auto it = std::find(waiters_.begin(), waiters_.end(), &turn);
	if (it != waiters_.end()) {
		waiters_.erase(it);
		if (closed_)
			co_return makeError(Errc::Cancelled, fmt::format("{} was closed", path_));
		if (state_ != AtChannelState::Open)
			co_return makeError(Errc::DeviceGone, fmt::format("{} is gone", path_));
		// Spurious wake with the port fine: wait again for a proper turn.
		co_return co_await acquire();
	}
	co_return Result<void>{};
}

void AtChannel::release()
{
	if (!waiters_.empty()) {
		auto *next = waiters_.front();
		waiters_.pop_front();
		next->cancel();  // busy_ stays true: the turn passes to it
		return;
	}
	busy_ = false;
}

asio::awaitable<Result<void>> AtChannel::write(std::string data)
{
	trace(true, data);
	boost::system::error_code ec;
	co_await asio::async_write(port_, asio::buffer(data),
				   asio::redirect_error(asio::use_awaitable, ec));
	if (ec) {
		if (state_ == AtChannelState::Open && !closed_)
			portLost(ec.message());
		co_return makeError(Errc::DeviceGone,
				    fmt::format("cannot write to {}: {}", path_, ec.message()));
	}
	co_return Result<void>{};
}

asio::awaitable<Result<AtResponse>> AtChannel::exchange(const std::string &line,
							const std::string *payload,
							Duration timeout)
{
	asio::steady_timer timer(executor_);
	timer.expires_after(timeout);
	Pending pending;
	pending.line = line;
	pending.wantPrompt = payload != nullptr;
	pending.timer = &timer;
	pending_ = &pending;
	struct Clear {
		AtChannel *ch;
		Pending *p;
		~Clear()
		{
			if (ch->pending_ == p)
				ch->pending_ = nullptr;
		}
	} clear{ this, &pending };

	++stats_.commands;
	framer_.beginCommand(line);
	// V.250 §5.2.1: a command line ends with S3 (CR).
	if (auto w = co_await write(line + "\r"); !w)
		co_return w.error();

	bool payloadSent = false;
	while (!pending.done) {
		if (pending.wantPrompt && pending.promptSeen && !payloadSent) {
			// TS 27.005 §3.5.1: after "> " the PDU in hex, ended by Ctrl-Z.
			framer_.sentPayload(*payload);
			if (auto w = co_await write(*payload + "\x1a"); !w)
				co_return w.error();
			payloadSent = true;
			continue;
		}
		boost::system::error_code ec;
		co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (pending.done || (pending.wantPrompt && pending.promptSeen && !payloadSent))
			continue;
		if (!ec) {
			// The deadline passed with no final result.
			framer_.endCommand();
			++stats_.timeouts;
			needsResync_ = true;
			promptLeftOpen_ = pending.wantPrompt;
			if (pending.wantPrompt && !pending.promptSeen)
				co_return makeError(Errc::Timeout,
						    fmt::format("{}: no \"> \" prompt within {}",
								line, seconds(timeout)));
			co_return makeError(Errc::Timeout, fmt::format("{}: no answer within {}", line,
								       seconds(timeout)));
		}
		// Woken with nothing to do (cancelled by an event for another state): the
		// deadline is unchanged, wait again.
	}
	if (pending.error)
		co_return *pending.error;
	co_return std::move(pending.response);
}

asio::awaitable<Result<void>> AtChannel::resync()
{
	++stats_.resyncs;
	if (promptLeftOpen_) {
		// TS 27.005 §3.5.1: ESC cancels a message being written at the prompt.
		if (auto w = co_await write("\x1b"); !w)
			co_return w.error();
		promptLeftOpen_ = false;
	}
	Error last = makeError(Errc::Timeout, "");
	for (int attempt = 0; attempt < 3; ++attempt) {
		auto r = co_await exchange("AT", nullptr, options_.resyncTimeout);
		if (!r && r.error().code != make_error_code(Errc::ModemError) &&
		    r.error().code != make_error_code(Errc::Timeout))
			co_return r.error();
		if (!r && r.error().code == make_error_code(Errc::Timeout)) {
			last = r.error();
			continue;
		}
		// The modem answered. Late answers of the hung command may still come: wait
		// until the port stays quiet, dropping them.
		asio::steady_timer quiet(executor_);
		for (int i = 0; i < 20; ++i) {
			auto before = stats_.strayLines;
			quiet.expires_after(options_.resyncQuiet);
			boost::system::error_code ec;
			co_await quiet.async_wait(asio::redirect_error(asio::use_awaitable, ec));
			if (state_ != AtChannelState::Open)
				co_return makeError(Errc::DeviceGone, fmt::format("{} is gone", path_));
			if (stats_.strayLines == before)
				break;
		}
		needsResync_ = false;
		co_return Result<void>{};
	}
	co_return makeError(Errc::Timeout,
			    fmt::format("{} stopped answering AT after a command timed out", path_));
}

asio::awaitable<Result<AtResponse>> AtChannel::run(std::string line, const std::string *payload,
						   Duration timeout)
{
	auto self = shared_from_this();
	if (closed_ && state_ == AtChannelState::Closed)
		co_return makeError(Errc::Cancelled, fmt::format("{} is not open", path_));
	if (auto a = co_await acquire(); !a)
		co_return a.error();
	struct Release {
		AtChannel *ch;
		~Release() { ch->release(); }
	} release{ this };

	if (state_ != AtChannelState::Open)
		co_return makeError(Errc::DeviceGone,
				    fmt::format("{} is gone (waiting for it to come back)", path_));
	if (needsResync_) {
		if (auto r = co_await resync(); !r)
			co_return r.error();
	}
	co_return co_await exchange(line, payload, timeout);
}

asio::awaitable<Result<AtResponse>> AtChannel::command(std::string line, Duration timeout)
{
	return run(std::move(line), nullptr, timeout);
}

asio::awaitable<Result<AtResponse>> AtChannel::commandWithPayload(std::string line,
								  std::string payload,
								  Duration timeout)
{
	// The payload must outlive the coroutine frame of run(): keep it in this frame.
	auto self = shared_from_this();
	co_return co_await run(std::move(line), &payload, timeout);
}

} /* namespace zanryo */
