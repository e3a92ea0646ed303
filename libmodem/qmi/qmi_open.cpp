// Opening, closing and reopening the QMI port: QmiModem::open() and close(), and what
// happens when the device vanishes (USB re-enumeration, modem reset): libqmi's
// QmiDevice "device-removed" signal -> state Gone -> reopen with backoff -> Ready.
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <algorithm>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <fmt/format.h>

#include "libmodem/qmi/qmi_modem_impl.hpp"

namespace zanryo {

namespace asio = boost::asio;

void QmiModem::Impl::setState(ModemState s)
{
	if (state.exchange(s) != s && handlers.stateChanged)
		handlers.stateChanged(s);
}

Error QmiModem::Impl::notReady() const
{
	ModemState s = state.load();
	if (s == ModemState::Gone || s == ModemState::Absent)
		return makeError(Errc::DeviceGone,
				 fmt::format("{} is {}", path, modemStateName(s)));
	return makeError(Errc::Cancelled,
			 fmt::format("QMI modem {} is {}", path, modemStateName(s)));
}

asio::awaitable<Result<void>> QmiModem::Impl::connect()
{
	auto impl = shared_from_this();
	auto op2 = impl->call<void>([impl](Done<void> done) {
		if (g_cancellable_is_cancelled(impl->cancellable)) {
			g_object_unref(impl->cancellable);
			impl->cancellable = g_cancellable_new();
		}
		GFile *file = g_file_new_for_path(impl->path.c_str());
		qmi_device_new(
			file, impl->cancellable, onReady,
			ready([impl, done](GObject *, GAsyncResult *res) {
				GError *err = nullptr;
				QmiDevice *d = qmi_device_new_finish(res, &err);
				if (!d)
					return done(fromGError(
						err, fmt::format("{}: opening the QMI device",
								 impl->path)));
				impl->device = d;
				done({});
			}));
		g_object_unref(file);
	});
	auto made = co_await std::move(op2);
	if (!made) {
		auto released = impl->releaseAll();
		co_await std::move(released);
		co_return made.error();
	}

	// VERSION_INFO: the service list tells whether VOICE exists before allocating it.
	// SYNC: releases client ids a previous user of the port left allocated.
	auto flags = static_cast<QmiDeviceOpenFlags>(
		QMI_DEVICE_OPEN_FLAGS_VERSION_INFO | QMI_DEVICE_OPEN_FLAGS_SYNC |
		(impl->options.useProxy ? QMI_DEVICE_OPEN_FLAGS_PROXY : 0));
	guint openTimeout = seconds(impl->options.openTimeout);
	auto op3 = impl->call<void>([impl, flags, openTimeout](Done<void> done) {
		qmi_device_open(
			impl->device, flags, openTimeout, impl->cancellable, onReady,
			ready([impl, done](GObject *src, GAsyncResult *res) {
				GError *err = nullptr;
				if (!qmi_device_open_finish(QMI_DEVICE(src), res, &err))
					return done(fromGError(
						err, fmt::format("{}: opening the QMI device",
								 impl->path)));
				done({});
			}));
	});
	auto opened = co_await std::move(op3);
	if (!opened) {
		Error e = opened.error();
		// A port that does not speak QMUX never answers CTL: not a QMI modem.
		if (e.code == make_error_code(Errc::Timeout))
			e.code = make_error_code(Errc::NotAModem);
		auto released = impl->releaseAll();
		co_await std::move(released);
		co_return e;
	}

	for (auto [service, slot, name] : { std::tuple{ QMI_SERVICE_DMS, &impl->dms, "DMS" },
					    std::tuple{ QMI_SERVICE_NAS, &impl->nas, "NAS" } }) {
		auto r = co_await impl->allocate(service, slot, name);
		if (!r) {
			auto released = impl->releaseAll();
			co_await std::move(released);
			co_return r.error();
		}
	}
	auto voice = co_await impl->allocate(QMI_SERVICE_VOICE, &impl->voice, "VOICE");
	impl->voiceAvailable = voice.ok();
	impl->voiceMissing = voice.ok() ? std::string() : voice.error().what;
	if (voice) {
		// USSD indications are only sent to clients that asked for them
		// (qmi-service-voice.json, Indication Register TLV 0x16, since VOICE 2.x).
		auto op4 = impl->call<void>([impl](Done<void> done) {
			impl->connectSignals();
			auto *in = qmi_message_voice_indication_register_input_new();
			qmi_message_voice_indication_register_input_set_ussd_notification_events(
				in, TRUE, nullptr);
			qmi_client_voice_indication_register(
				QMI_CLIENT_VOICE(impl->voice), in,
				seconds(impl->options.requestTimeout), impl->cancellable, onReady,
				ready([done](GObject *src, GAsyncResult *res) {
					// Older firmwares answer InvalidQmiCommand and send
					// USSD indications anyway: not an error.
					auto *out = qmi_client_voice_indication_register_finish(
						QMI_CLIENT_VOICE(src), res, nullptr);
					if (out)
						qmi_message_voice_indication_register_output_unref(
							out);
					done({});
				}));
			qmi_message_voice_indication_register_input_unref(in);
		});
		co_await std::move(op4);
	}
	// WMS is optional too: a modem without it still does identity and USSD.
	auto wms = co_await impl->allocate(QMI_SERVICE_WMS, &impl->wms, "WMS");
	impl->wmsAvailable = wms.ok();
	impl->wmsMissing = wms.ok() ? std::string() : wms.error().what;
	if (wms) {
		auto setup = impl->setupWms();
		co_await std::move(setup);
	}
	// WDS only for packet statistics: optional as well.
	auto wds = co_await impl->allocate(QMI_SERVICE_WDS, &impl->wds, "WDS");
	impl->wdsAvailable = wds.ok();
	impl->wdsMissing = wds.ok() ? std::string() : wds.error().what;
	// UIM: SIM files when the DMS UIM messages are gone, and the SPN.
	auto uim = co_await impl->allocate(QMI_SERVICE_UIM, &impl->uim, "UIM");
	impl->uimAvailable = uim.ok();
	// The port vanishing is reported by QmiDevice (its endpoint hung up).
	auto watch = call<void>([impl](Done<void> done) {
		impl->removedSignal = g_signal_connect(impl->device, QMI_DEVICE_SIGNAL_REMOVED,
						       G_CALLBACK(onDeviceRemoved), impl.get());
		done({});
	});
	co_await std::move(watch);
	co_return Result<void>{};
}

void QmiModem::Impl::onDeviceRemoved(QmiDevice *, gpointer data)
{
	auto impl = static_cast<Impl *>(data)->shared_from_this();
	asio::post(impl->executor, [impl] { impl->deviceGone(); });
}

void QmiModem::Impl::deviceGone()
{
	ModemState s = state.load();
	if (closing || (s != ModemState::Ready && s != ModemState::Opening))
		return;
	// A USSD session does not survive the modem going away.
	ussd->modemGone();
	identity.reset();
	setState(ModemState::Gone);
	// The libqmi objects of the old port go: no RELEASE_CID to a device that is not there.
	invoke([impl = shared_from_this()] {
		g_cancellable_cancel(impl->cancellable);
		impl->disconnectSignals();
		for (QmiClient **c :
		     { &impl->uim, &impl->wds, &impl->wms, &impl->voice, &impl->nas, &impl->dms })
			g_clear_object(c);
		g_clear_object(&impl->device);
	});
	asio::co_spawn(executor, reopenLoop(), asio::detached);
}

asio::awaitable<void> QmiModem::Impl::reopenLoop()
{
	auto impl = shared_from_this();
	auto delay = options.reopenInitialDelay;
	while (!closing && state.load() == ModemState::Gone) {
		reopenTimer.expires_after(delay);
		boost::system::error_code ec;
		co_await reopenTimer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (closing || state.load() != ModemState::Gone)
			break;
		delay = std::min(delay * 2, options.reopenMaxDelay);
		if (::access(path.c_str(), F_OK) != 0)
			continue; // not back yet
		setState(ModemState::Opening);
		auto r = co_await connect();
		if (closing) {
			auto released = releaseAll();
			co_await std::move(released);
			break;
		}
		if (r) {
			++reopens;
			setState(ModemState::Ready);
			break;
		}
		setState(ModemState::Gone); // there but not answering yet: try again later
	}
}

asio::awaitable<Result<void>> QmiModem::open()
{
	auto impl = impl_;
	if (impl->state.load() == ModemState::Ready)
		co_return Result<void>{};
	if (::access(path_.c_str(), F_OK) != 0) {
		impl->setState(ModemState::Absent);
		co_return makeError(Errc::DeviceGone, fmt::format("{}: no such QMI device", path_));
	}
	impl->closing = false;
	impl->setState(ModemState::Opening);
	auto r = co_await impl->connect();
	if (!r) {
		impl->setState(ModemState::Closed);
		co_return r.error();
	}
	impl->setState(ModemState::Ready);
	co_return Result<void>{};
}

asio::awaitable<void> QmiModem::close()
{
	auto impl = impl_;
	impl->closing = true;
	impl->ussd->closed();
	impl->reopenTimer.cancel();
	impl->inbox->closed();
	impl->identity.reset();
	auto released = impl->releaseAll();
	co_await std::move(released);
	impl->setState(ModemState::Closed);
}

} /* namespace zanryo */
