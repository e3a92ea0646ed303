#include "uevent_source.hpp"

#include <cstring>
#include <utility>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <fmt/core.h>
#include <systemd/sd-device.h>
#include <systemd/sd-event.h>

namespace zanryo {

namespace asio = boost::asio;

namespace {

const char *actionName(sd_device_action_t a)
{
	// An if chain, not a switch: libsystemd's enum has sentinel values of its own.
	static constexpr std::pair<sd_device_action_t, const char *> kNames[] = {
		{ SD_DEVICE_ADD, "add" },	  { SD_DEVICE_REMOVE, "remove" }, { SD_DEVICE_CHANGE, "change" },
		{ SD_DEVICE_MOVE, "move" },	  { SD_DEVICE_ONLINE, "online" }, { SD_DEVICE_OFFLINE, "offline" },
		{ SD_DEVICE_BIND, "bind" },	  { SD_DEVICE_UNBIND, "unbind" },
	};
	for (const auto &[action, name] : kNames)
		if (action == a)
			return name;
	return "";
}

/// The sd-device monitor on a private sd_event whose epoll fd the io_context waits on:
/// readable means a uevent is queued, and sd_event_run(0) dispatches it right here.
class UdevMonitor final : public UeventSource
{
public:
	explicit UdevMonitor(asio::io_context &io) : fd_(io) {}

	~UdevMonitor() override
	{
		if (fd_.is_open())
			fd_.release(); // sd_event owns the fd
		if (monitor_) {
			sd_device_monitor_stop(monitor_);
			sd_device_monitor_unref(monitor_);
		}
		if (event_)
			sd_event_unref(event_);
	}

	Result<void> start(std::function<void(const Uevent &)> handler) override
	{
		handler_ = std::move(handler);
		auto fail = [](const char *what, int r) {
			return makeError(Errc::Unsupported,
					 fmt::format("udev monitor: {}: {}; hotplug is not followed", what, std::strerror(-r)));
		};
		if (int r = sd_event_new(&event_); r < 0)
			return fail("sd_event_new", r);
		if (int r = sd_device_monitor_new(&monitor_); r < 0)
			return fail("sd_device_monitor_new", r);
		for (const char *s : { "tty", "usbmisc", "wwan" })
			if (int r = sd_device_monitor_filter_add_match_subsystem_devtype(monitor_, s, nullptr); r < 0)
				return fail("filter", r);
		if (int r = sd_device_monitor_attach_event(monitor_, event_); r < 0)
			return fail("attach", r);
		if (int r = sd_device_monitor_start(monitor_, &UdevMonitor::onDevice, this); r < 0)
			return fail("start", r);
		fd_.assign(sd_event_get_fd(event_));
		wait();
		return {};
	}

private:
	static int onDevice(sd_device_monitor *, sd_device *device, void *userdata)
	{
		auto *self = static_cast<UdevMonitor *>(userdata);
		Uevent e;
		sd_device_action_t action{};
		if (sd_device_get_action(device, &action) >= 0)
			e.action = actionName(action);
		const char *s = nullptr;
		if (sd_device_get_subsystem(device, &s) >= 0 && s)
			e.subsystem = s;
		if (sd_device_get_devpath(device, &s) >= 0 && s)
			e.devpath = s;
		if (self->handler_)
			self->handler_(e);
		return 0;
	}

	void wait()
	{
		fd_.async_wait(asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code &ec) {
			if (ec)
				return;
			// Dispatch everything queued without blocking, then wait again.
			while (sd_event_run(event_, 0) > 0) {
			}
			wait();
		});
	}

	asio::posix::stream_descriptor fd_;
	sd_event *event_ = nullptr;
	sd_device_monitor *monitor_ = nullptr;
	std::function<void(const Uevent &)> handler_;
};

} /* namespace */

std::unique_ptr<UeventSource> makeUdevMonitor(asio::io_context &io)
{
	return std::make_unique<UdevMonitor>(io);
}

} /* namespace zanryo */
