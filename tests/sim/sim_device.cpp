#include "sim_device.hpp"

#include <boost/asio/write.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

#include "sim_log.hpp"

namespace zanryo::sim {

namespace asio = boost::asio;

Simulator::Simulator(asio::io_context &io, Scenario scenario, std::string linkPath)
	: io_(io), scenario_(std::move(scenario)), faults_(scenario_.faults),
	  engine_(scenario_, faults_, *this, *this), pty_(std::move(linkPath)), slowTimer_(io)
{
}

Simulator::~Simulator()
{
	shutdown();
}

bool Simulator::start(std::string *error)
{
	if (!plug(error))
		return false;
	if (faults_.garbageAtStart > 0)
		garbage(static_cast<std::size_t>(faults_.garbageAtStart));
	engine_.start();
	return true;
}

bool Simulator::plug(std::string *error)
{
	int master = pty_.open(error);
	if (master < 0)
		return false;
	port_ = std::make_unique<asio::posix::stream_descriptor>(io_, master);
	engine_.setAttached(true);
	logLine("port", fmt::format("open: {}{}", pty_.slavePath(),
				   pty_.linkPath().empty() ? "" : " (link " + pty_.linkPath() + ")"));
	// The path on stdout is how the test (or a person) finds the port.
	std::fputs((pty_.slavePath() + "\n").c_str(), stdout);
	std::fflush(stdout);
	startRead();
	return true;
}

void Simulator::unplug()
{
	if (!port_)
		return;
	++portGen_;
	out_.clear();
	writing_ = false;
	slowTimer_.cancel();
	boost::system::error_code ignored;
	port_->close(ignored);
	port_.reset();
	pty_.close();
	engine_.setAttached(false);
	logLine("port", "unplugged");
}

void Simulator::shutdown()
{
	if (stopped_)
		return;
	stopped_ = true;
	unplug();
	if (acceptor_) {
		boost::system::error_code ignored;
		acceptor_->close(ignored);
		acceptor_.reset();
		::unlink(controlPath_.c_str());
	}
}

void Simulator::startRead()
{
	unsigned gen = portGen_;
	port_->async_read_some(asio::buffer(readBuf_), [this, gen](const boost::system::error_code &ec, std::size_t n) {
		if (gen != portGen_ || !port_)
			return;
		if (ec) {
			logLine("port", "read: " + ec.message());
			return;
		}
		engine_.feed(std::string_view(readBuf_.data(), n));
		if (gen == portGen_ && port_)
			startRead();
	});
}

void Simulator::toTerminal(std::string bytes)
{
	if (!port_)
		return;
	out_.push_back(std::move(bytes));
	pump();
}

void Simulator::pump()
{
	if (writing_ || out_.empty() || !port_)
		return;
	writing_ = true;
	// Fault "slow N": one byte, then N ms, like a modem on a congested USB hub.
	std::size_t n = faults_.slowMs > 0 ? 1 : out_.front().size();
	unsigned gen = portGen_;
	asio::async_write(*port_, asio::buffer(out_.front().data(), n),
			  [this, gen, n](const boost::system::error_code &ec, std::size_t) {
				  if (gen != portGen_)
					  return;
				  writing_ = false;
				  if (ec) {
					  logLine("port", "write: " + ec.message());
					  out_.clear();
					  return;
				  }
				  out_.front().erase(0, n);
				  if (out_.front().empty())
					  out_.pop_front();
				  if (faults_.slowMs > 0 && !out_.empty()) {
					  writing_ = true;
					  slowTimer_.expires_after(std::chrono::milliseconds(faults_.slowMs));
					  slowTimer_.async_wait([this, gen](const boost::system::error_code &tec) {
						  if (tec || gen != portGen_)
							  return;
						  writing_ = false;
						  pump();
					  });
					  return;
				  }
				  pump();
			  });
}

void Simulator::garbage(std::size_t n)
{
	std::string bytes(n, '\0');
	std::uniform_int_distribution<int> dist(0, 255);
	for (std::size_t i = 0; i < n; ++i)
		bytes[i] = static_cast<char>(dist(rng_));
	// NUL and 0xFF are what a modem really emits while it resets; make sure both appear.
	if (n >= 1)
		bytes[0] = '\0';
	if (n >= 2)
		bytes[n - 1] = static_cast<char>(0xFF);
	logLine("fault", fmt::format("garbage {} bytes: {}", n, printable(bytes)));
	toTerminal(std::move(bytes));
}

void Simulator::after(std::chrono::milliseconds delay, std::function<void()> fn)
{
	auto timer = std::make_shared<asio::steady_timer>(io_, delay);
	timer->async_wait([timer, fn = std::move(fn), this](const boost::system::error_code &ec) {
		if (!ec && !stopped_)
			fn();
	});
}

} /* namespace zanryo::sim */
