#include "usage_monitor.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <boost/asio/post.hpp>
#include <fmt/core.h>

#include "human_units.hpp"
#include "log.hpp"
#include "netif.hpp"

namespace zanryo {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

std::string join(const std::vector<std::string> &names)
{
	std::string out;
	for (const auto &n : names)
		out += (out.empty() ? "" : ",") + n;
	return out;
}

} /* namespace */

Result<std::optional<UsageState>> loadUsageState(const std::string &path)
{
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return std::optional<UsageState>{};
		return makeError(Errc::NotFound, fmt::format("{}: {}", path, std::strerror(errno)));
	}
	std::string text;
	char buf[4096];
	for (;;) {
		ssize_t n = ::read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || text.size() > (1u << 20))
			break;
		text.append(buf, std::size_t(n));
	}
	::close(fd);
	auto parsed = parseUsageState(text);
	if (!parsed) {
		std::string aside = path + ".corrupt";
		::rename(path.c_str(), aside.c_str());
		return makeError(Errc::Malformed, fmt::format("{}: {} (moved to {})", path,
							      parsed.error().what, aside));
	}
	return std::optional<UsageState>{ std::move(parsed).value() };
}

namespace {

UsageState restoredState(const std::string &path)
{
	auto loaded = loadUsageState(path);
	if (!loaded) {
		logWarning("{}", loaded.error().message());
		return {};
	}
	return loaded->value_or(UsageState{});
}

} /* namespace */

UsageMonitor::UsageMonitor(asio::io_context &io, const ModemConfig &config, std::string device,
			   std::string statePath, Now now, Changed changed, UsageOptions options)
	: io_(io), interval_(config.usageInterval), configuredInterface_(config.interface),
	  device_(std::move(device)), statePath_(std::move(statePath)), now_(std::move(now)),
	  changed_(std::move(changed)), options_(std::move(options)), plan_(config.plan),
	  counter_(restoredState(statePath_), readBootId(options_.bootIdPath)), sampleTimer_(io),
	  periodTimer_(io), emitTimer_(io)
{
}

UsageMonitor::~UsageMonitor()
{
	stop();
}

std::int64_t UsageMonitor::nowUnix() const
{
	return unixSeconds(now_());
}

void UsageMonitor::start()
{
	stopped_ = false;
	resolveInterfaces();
	if (options_.netlink)
		openNetlink();
	// After a downtime across a period boundary, what the counters show now is counted in
	// the new period: roll first, then sample.
	rollPeriodIfDue();
	sample();
	emittedOnce_ = false;
	notify();
}

void UsageMonitor::stop()
{
	if (stopped_)
		return;
	stopped_ = true;
	sampleTimer_.cancel();
	periodTimer_.cancel();
	emitTimer_.cancel();
	closeTaps();
	netlink_.reset();
	save();
}

void UsageMonitor::resolveInterfaces()
{
	std::vector<std::string> found;
	if (!configuredInterface_.empty())
		found = { configuredInterface_ };
	else
		found = netInterfacesForDevice(device_, options_.sysRoot);
	if (found != interfaces_) {
		interfaces_ = std::move(found);
		interfaceNames_ = join(interfaces_);
		if (!interfaces_.empty())
			logInfo("{}: counting traffic of {}", device_, interfaceNames_);
	}
}

void UsageMonitor::sampleInterface(const std::string &name, const InterfaceCounters &c)
{
	if (counter_.add(name, c) > 0)
		bytesSinceSave_ = true;
	dirty_ = true;
}

void UsageMonitor::sample()
{
	if (stopped_)
		return;
	std::uint64_t before = counter_.state().totalBytes;
	bool anyUp = false;
	for (const auto &name : interfaces_) {
		auto c = readInterfaceCounters(options_.sysRoot, name);
		if (!c)
			continue;
		sampleInterface(name, *c);
		anyUp = anyUp || interfaceIsUp(options_.sysRoot, name);
	}
	bool sawTraffic = counter_.state().totalBytes != before;
	rollPeriodIfDue();
	recompute();
	afterSample(sawTraffic, anyUp);
}

void UsageMonitor::sampleModemCounters(std::uint64_t rxBytes, std::uint64_t txBytes)
{
	if (!wantsModemCounters())
		return;
	if (interfaceNames_ != kModemCounters) {
		interfaceNames_ = kModemCounters;
		logInfo("{}: no network interface found; counting the modem's own packet "
			"statistics",
			device_);
	}
	InterfaceCounters c;
	c.rxBytes = rxBytes;
	c.txBytes = txBytes;
	sampleInterface(kModemCounters, c);
	rollPeriodIfDue();
	recompute();
	if (bytesSinceSave_ && std::chrono::steady_clock::now() - lastSave_ >= options_.saveEvery)
		save();
}

void UsageMonitor::afterSample(bool sawTraffic, bool anyUp)
{
	auto steadyNow = std::chrono::steady_clock::now();
	if (!anyUp) {
		setMode(Mode::Absent);
	} else if (sawTraffic || mode_ == Mode::Absent) {
		setMode(Mode::Active);
	} else if (mode_ == Mode::Active) {
		// An interval without traffic: the burst is over, keep its count on disk.
		save();
		setMode(Mode::Idle);
	} else if (taps_.empty()) {
		// Idle without a packet tap: back off up to idleBackstopMax.
		idleDelay_ =
			std::min<std::chrono::seconds>(idleDelay_ * 2, options_.idleBackstopMax);
		armTimer(idleDelay_);
	}
	if (bytesSinceSave_ && steadyNow - lastSave_ >= options_.saveEvery)
		save();
}

void UsageMonitor::setMode(Mode mode)
{
	if (mode == mode_ && mode != Mode::Active)
		return;
	mode_ = mode;
	switch (mode) {
	case Mode::Absent:
		// Nothing to count: only a link event (up, created) wakes the monitor.
		sampleTimer_.cancel();
		closeTaps();
		break;
	case Mode::Active:
		closeTaps();
		armTimer(interval_);
		break;
	case Mode::Idle:
		sampleTimer_.cancel();
		idleDelay_ = interval_;
		if (openTaps()) {
			// A packet that went through between the last sample and the tap's bind
			// woke nobody: look once more.
			std::uint64_t before = counter_.state().totalBytes;
			for (const auto &name : interfaces_)
				if (auto c = readInterfaceCounters(options_.sysRoot, name))
					sampleInterface(name, *c);
			if (counter_.state().totalBytes != before) {
				recompute();
				setMode(Mode::Active);
			}
		} else {
			armTimer(idleDelay_);
		}
		break;
	}
}

void UsageMonitor::armTimer(std::chrono::seconds delay)
{
	sampleTimer_.expires_after(delay);
	sampleTimer_.async_wait([this](const boost::system::error_code &ec) {
		if (!ec && !stopped_)
			sample();
	});
}

void UsageMonitor::rollPeriodIfDue()
{
	std::int64_t now = nowUnix();
	PeriodDates p = periodContaining(plan_, localDate(now));
	std::int64_t start;
	if (p.start)
		start = localMidnight(*p.start);
	else
		// period = "none" without a start date: from when counting began.
		start = counter_.state().periodStart != 0 ? counter_.state().periodStart : now;
	std::int64_t end = p.end ? localMidnight(*p.end) : 0;
	if (start != counter_.state().periodStart) {
		if (counter_.state().periodStart != 0)
			logInfo("{}: new data period from {}: {} were used in the last one",
				device_, localDate(start).iso(), humanBytes(counter_.state().periodBytes));
		counter_.startPeriod(start);
		dirty_ = true;
		save();
	}
	if (end != periodEnd_) {
		periodEnd_ = end;
		armPeriodTimer();
	}
}

void UsageMonitor::armPeriodTimer()
{
	periodTimer_.cancel();
	if (periodEnd_ == 0 || stopped_)
		return;
	// One wakeup per period, at its end, so UsedThisPeriod starts again from zero even on
	// an idle interface. The wall clock is asked again then (it may have been set).
	auto delay = std::chrono::seconds(std::max<std::int64_t>(1, periodEnd_ - nowUnix()));
	periodTimer_.expires_after(delay);
	periodTimer_.async_wait([this](const boost::system::error_code &ec) {
		if (ec || stopped_)
			return;
		periodEnd_ = 0;
		sample(); // counts up to the boundary in the old period, then rolls
		if (periodTimer_.expiry() <= std::chrono::steady_clock::now())
			armPeriodTimer();
		notify();
	});
}

void UsageMonitor::recompute()
{
	figures_ = computeFigures(plan_, nowUnix(), counter_.state().periodStart, periodEnd_,
				  counter_.state().periodBytes, carrier_,
				  counter_.countedSinceReport());
	notify();
}

void UsageMonitor::notify()
{
	if (stopped_ || !changed_)
		return;
	std::vector<std::string> props;
	auto note = [&](bool differs, const char *name) {
		if (differs || !emittedOnce_)
			props.emplace_back(name);
	};
	const UsageFigures &a = emitted_, &b = figures_;
	note(a.estimatedRemaining != b.estimatedRemaining, "EstimatedDataRemaining");
	note(a.hasEstimate != b.hasEstimate, "HasEstimate");
	note(a.usedThisPeriod != b.usedThisPeriod, "UsedThisPeriod");
	note(a.periodStart != b.periodStart, "PeriodStart");
	note(a.periodEnd != b.periodEnd, "PeriodEnd");
	note(a.daysLeft != b.daysLeft, "DaysLeft");
	note(a.dailyAverage != b.dailyAverage, "DailyAverage");
	note(a.projectedRunOut != b.projectedRunOut, "ProjectedRunOut");
	note(emittedInterfaces_ != interfaceNames_, "Interface");
	if (props.empty() || !emittedOnce_) {
		// The first call (start) only records what the object shows from the beginning.
		emitted_ = figures_;
		emittedInterfaces_ = interfaceNames_;
		emittedOnce_ = true;
		return;
	}
	// PropertiesChanged at most once per sampling interval, whatever wakes the monitor.
	auto steadyNow = std::chrono::steady_clock::now();
	if (steadyNow - lastEmit_ < interval_) {
		if (!notifyPending_) {
			notifyPending_ = true;
			emitTimer_.expires_at(lastEmit_ + interval_);
			emitTimer_.async_wait([this](const boost::system::error_code &ec) {
				if (ec)
					return;
				notifyPending_ = false;
				if (!stopped_)
					notify();
			});
		}
		return;
	}
	lastEmit_ = steadyNow;
	emitted_ = figures_;
	emittedInterfaces_ = interfaceNames_;
	changed_(props);
}

const UsageFigures &UsageMonitor::figures()
{
	if (!stopped_ && !sampledThisTurn_) {
		// A reader wants the current number: sample now (once per turn of the loop, so
		// GetManagedObjects reads sysfs once for all properties), but emit signals and
		// change modes from the loop, not from inside a property getter.
		sampledThisTurn_ = true;
		asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
			if (!alive.expired())
				sampledThisTurn_ = false;
		});
		std::uint64_t before = counter_.state().totalBytes;
		for (const auto &name : interfaces_)
			if (auto c = readInterfaceCounters(options_.sysRoot, name))
				sampleInterface(name, *c);
		figures_ = computeFigures(plan_, nowUnix(), counter_.state().periodStart,
					  periodEnd_, counter_.state().periodBytes, carrier_,
					  counter_.countedSinceReport());
		if (counter_.state().totalBytes != before)
			asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
				if (!alive.expired() && !stopped_)
					sample();
			});
	}
	return figures_;
}

void UsageMonitor::carrierReading(const StoredBalance &stored, bool fresh)
{
	const Balance &b = stored.balance;
	if (!b.dataRemaining && !b.dataUnlimited)
		return;
	carrier_ = CarrierData{ b.dataRemaining.value_or(0), stored.updatedAt, b.dataUnlimited };
	if (fresh) {
		// What went through before the reply is in the carrier's number already.
		if (!stopped_) {
			for (const auto &name : interfaces_)
				if (auto c = readInterfaceCounters(options_.sysRoot, name))
					sampleInterface(name, *c);
		}
		counter_.markReport(stored.updatedAt);
		dirty_ = true;
		save();
	} else if (counter_.state().reportAt != stored.updatedAt) {
		// The reading on disk is newer than the mark (a crash between the two saves):
		// count from now rather than guess.
		counter_.markReport(stored.updatedAt);
		dirty_ = true;
	}
	recompute();
}

void UsageMonitor::save()
{
	if (!dirty_ || statePath_.empty())
		return;
	if (auto saved = writeFileAtomically(statePath_, serializeUsageState(counter_.state()));
	    !saved) {
		logError("cannot save the usage counters: {}", saved.error().message());
		return;
	}
	dirty_ = false;
	bytesSinceSave_ = false;
	lastSave_ = std::chrono::steady_clock::now();
}

bool UsageMonitor::openTaps()
{
	closeTaps();
	if (!options_.packetTap || tapsDenied_)
		return false;
	for (const auto &name : interfaces_) {
		auto c = readInterfaceCounters(options_.sysRoot, name);
		if (!c || !interfaceIsUp(options_.sysRoot, name))
			continue;
		// Protocol 0 receives nothing until bind, so the filter is in place before the
		// first packet; the filter keeps one byte of each packet: enough to wake us.
		int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (fd < 0) {
			if (errno == EPERM || errno == EACCES || errno == EAFNOSUPPORT) {
				logInfo("{}: no packet tap ({}); an idle interface is checked "
					"every {} s at most",
					device_, std::strerror(errno),
					options_.idleBackstopMax.count());
				tapsDenied_ = true;
			}
			closeTaps();
			return false;
		}
		sock_filter code[] = { BPF_STMT(BPF_RET | BPF_K, 1) };
		sock_fprog prog{ 1, code };
		sockaddr_ll sll{};
		sll.sll_family = AF_PACKET;
		sll.sll_protocol = htons(ETH_P_ALL);
		sll.sll_ifindex = int(c->ifindex);
		if (::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) != 0 ||
		    ::bind(fd, reinterpret_cast<sockaddr *>(&sll), sizeof sll) != 0) {
			::close(fd);
			continue;
		}
		auto sd = std::make_unique<asio::posix::stream_descriptor>(io_, fd);
		sd->async_wait(
			asio::posix::stream_descriptor::wait_read,
			[this](const boost::system::error_code &ec) {
				if (ec || stopped_)
					return;
				asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
					if (alive.expired() || stopped_ || mode_ != Mode::Idle)
						return;
					closeTaps();
					sample();
					if (mode_ ==
					    Mode::Idle) // the packet did not move the counters yet
						setMode(Mode::Active);
				});
			});
		taps_.push_back(std::move(sd));
	}
	return !taps_.empty();
}

void UsageMonitor::closeTaps()
{
	for (auto &t : taps_) {
		boost::system::error_code ec;
		t->cancel(ec);
		t->close(ec);
	}
	taps_.clear();
}

void UsageMonitor::openNetlink()
{
	int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
	if (fd < 0) {
		logWarning("{}: no rtnetlink socket ({}): interface changes are seen at the next "
			   "sample",
			   device_, std::strerror(errno));
		return;
	}
	sockaddr_nl sa{};
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = RTMGRP_LINK;
	if (::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0) {
		logWarning("{}: cannot join the rtnetlink link group: {}", device_,
			   std::strerror(errno));
		::close(fd);
		return;
	}
	netlink_ = std::make_unique<asio::posix::stream_descriptor>(io_, fd);
	waitNetlink();
}

void UsageMonitor::waitNetlink()
{
	netlink_->async_wait(asio::posix::stream_descriptor::wait_read,
			     [this](const boost::system::error_code &ec) {
				     if (ec || stopped_ || !netlink_)
					     return;
				     onNetlink();
				     if (netlink_)
					     waitNetlink();
			     });
}

void UsageMonitor::onNetlink()
{
	alignas(nlmsghdr) char buf[16384];
	bool ours = false, overrun = false, unknownAppeared = false;
	for (;;) {
		ssize_t n = ::recv(netlink_->native_handle(), buf, sizeof buf, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				overrun = true; // events were lost: look at everything again
				continue;
			}
			break;
		}
		if (n == 0)
			break;
		// rtnetlink(7): a datagram holds nlmsghdr-framed messages; RTM_NEWLINK and
		// RTM_DELLINK carry an ifinfomsg and rtattrs (IFLA_IFNAME, IFLA_STATS64).
		std::size_t len = std::size_t(n);
		for (std::size_t off = 0; off + sizeof(nlmsghdr) <= len;) {
			nlmsghdr h;
			std::memcpy(&h, buf + off, sizeof h);
			if (h.nlmsg_len < sizeof(nlmsghdr) || h.nlmsg_len > len - off)
				break;
			const char *msg = buf + off;
			off += NLMSG_ALIGN(h.nlmsg_len);
			if ((h.nlmsg_type != RTM_NEWLINK && h.nlmsg_type != RTM_DELLINK) ||
			    h.nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg)))
				continue;
			ifinfomsg ifi;
			std::memcpy(&ifi, msg + NLMSG_HDRLEN, sizeof ifi);
			std::string name;
			std::optional<InterfaceCounters> stats;
			std::size_t attrEnd = h.nlmsg_len;
			for (std::size_t a = NLMSG_LENGTH(sizeof(ifinfomsg));
			     a + sizeof(rtattr) <= attrEnd;) {
				rtattr attr;
				std::memcpy(&attr, msg + a, sizeof attr);
				if (attr.rta_len < sizeof(rtattr) || attr.rta_len > attrEnd - a)
					break;
				const char *data = msg + a + RTA_LENGTH(0);
				std::size_t dataLen = attr.rta_len - RTA_LENGTH(0);
				if (attr.rta_type == IFLA_IFNAME)
					name.assign(data, strnlen(data, dataLen));
				else if (attr.rta_type == IFLA_STATS64 &&
					 dataLen >= sizeof(rtnl_link_stats64)) {
					rtnl_link_stats64 st;
					std::memcpy(&st, data, sizeof st);
					stats = InterfaceCounters{ std::uint64_t(ifi.ifi_index),
								   st.rx_bytes, st.tx_bytes };
				}
				a += RTA_ALIGN(attr.rta_len);
			}
			bool known = std::find(interfaces_.begin(), interfaces_.end(), name) !=
				     interfaces_.end();
			if (!known) {
				unknownAppeared = unknownAppeared || h.nlmsg_type == RTM_NEWLINK;
				continue;
			}
			ours = true;
			// RTM_DELLINK carries the last counters of a deleted interface: count them
			// now, they are gone from sysfs.
			if (h.nlmsg_type == RTM_DELLINK && stats)
				sampleInterface(name, *stats);
		}
	}
	if (unknownAppeared && configuredInterface_.empty()) {
		auto before = interfaces_;
		resolveInterfaces();
		ours = ours || interfaces_ != before;
	}
	if (ours || overrun)
		sample();
}

} /* namespace zanryo */
