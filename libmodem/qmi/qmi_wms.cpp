// SMS over the QMI Wireless Messaging Service (WMS). Message ids, TLVs and their
// meaning: libqmi 1.32 (qmi-wms.h, data/qmi-service-wms.json). For GSM/WCDMA messages
// (format 6, point to point) the raw data is the PDU exactly as AT+CMGS / AT+CMGR carry
// it in PDU mode: the SMSC address part first, then the TPDU (TS 27.005 §3.1).
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <algorithm>
#include <chrono>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <fmt/format.h>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/qmi/qmi_modem_impl.hpp"

namespace zanryo {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes copyBytes(GArray *a)
{
	if (!a)
		return {};
	const auto *p = reinterpret_cast<const std::uint8_t *>(a->data);
	return Bytes(p, p + a->len);
}

std::string_view storageName(std::uint8_t storage)
{
	switch (storage) {
	case QMI_WMS_STORAGE_TYPE_UIM:
		return "UIM";
	case QMI_WMS_STORAGE_TYPE_NV:
		return "NV";
	default:
		return "none";
	}
}

/// SmsMessage::storageIndexes of a WMS slot: NV indexes as they are, UIM ones (class 2
/// messages) from 0x10000 on, so that one int names storage and index.
constexpr int kUimSlotBase = 0x10000;

int slotOf(std::uint8_t storage, std::uint32_t index)
{
	return static_cast<int>(index) + (storage == QMI_WMS_STORAGE_TYPE_UIM ? kUimSlotBase : 0);
}

/// The SMS-DELIVER in \a pdu as one part for the assembler, or why it is not one.
Result<SmsPart> partOf(const Bytes &pdu, int storageIndex)
{
	auto decoded = decodeSmsPdu(pdu, true);
	if (!decoded)
		return decoded.error();
	if (decoded->type != SmsType::Deliver)
		return makeError(Errc::Unsupported,
				 fmt::format("WMS message is an {}, not an SMS-DELIVER",
					     smsTypeName(decoded->type)));
	return smsPartOf(*decoded, storageIndex, std::chrono::system_clock::now());
}

} /* namespace */

// ---- GLib thread ------------------------------------------------------------------------

void QmiModem::Impl::connectWmsSignals()
{
	if (wms && !wmsEventSignal)
		wmsEventSignal =
			g_signal_connect(wms, "event-report", G_CALLBACK(onWmsEventReport), this);
}

void QmiModem::Impl::disconnectWmsSignals()
{
	if (wms && wmsEventSignal)
		g_signal_handler_disconnect(wms, wmsEventSignal);
	wmsEventSignal = 0;
}

void QmiModem::Impl::onWmsEventReport(QmiClientWms *, QmiIndicationWmsEventReportOutput *out,
				      gpointer data)
{
	auto *self = static_cast<Impl *>(data);
	auto impl = self->shared_from_this();
	// TLV 0x10: the message was stored (route "store and notify"); read it from there.
	QmiWmsStorageType storage = QMI_WMS_STORAGE_TYPE_NONE;
	guint32 index = 0;
	if (qmi_indication_wms_event_report_output_get_mt_message(out, &storage, &index, nullptr)) {
		auto s = static_cast<std::uint8_t>(storage);
		asio::post(impl->executor, [impl, s, index] {
			asio::co_spawn(impl->executor, impl->receiveStored(s, index),
				       asio::detached);
		});
		return;
	}
	// TLV 0x11: the message itself, not stored (route "transfer only").
	GArray *raw = nullptr;
	QmiWmsMessageFormat format = QMI_WMS_MESSAGE_FORMAT_CDMA;
	if (qmi_indication_wms_event_report_output_get_transfer_route_mt_message(
		    out, nullptr, nullptr, &format, &raw, nullptr) &&
	    format == QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT) {
		auto pdu = std::make_shared<Bytes>(copyBytes(raw));
		asio::post(impl->executor, [impl, pdu] { impl->takePdu(*pdu, -1); });
	}
}

// ---- executor ---------------------------------------------------------------------------

Result<void> QmiModem::Impl::wmsReady() const
{
	if (state.load() != ModemState::Ready)
		return notReady();
	if (!wmsAvailable)
		return makeError(Errc::Unsupported,
				 fmt::format("SMS over QMI needs the WMS service: {}", wmsMissing));
	return {};
}

asio::awaitable<void> QmiModem::Impl::setupWms()
{
	auto impl = shared_from_this();
	guint timeout = seconds(options.requestTimeout);
	// Set Routes: point-to-point messages of every class are stored and announced, so a
	// reply that comes while nobody listens is still in storage for listStoredSms().
	// Class 2 is SIM-specific (TS 23.038 §4): the UIM; the others the modem's NV memory.
	// A firmware that refuses keeps its own routes: not an error.
	auto routes = call<void>([impl, timeout](Done<void> done) {
		impl->connectWmsSignals();
		GArray *list = g_array_new(FALSE, FALSE,
					   sizeof(QmiMessageWmsSetRoutesInputRouteListElement));
		for (QmiWmsMessageClass c :
		     { QMI_WMS_MESSAGE_CLASS_0, QMI_WMS_MESSAGE_CLASS_1, QMI_WMS_MESSAGE_CLASS_2,
		       QMI_WMS_MESSAGE_CLASS_3, QMI_WMS_MESSAGE_CLASS_NONE }) {
			QmiMessageWmsSetRoutesInputRouteListElement e{};
			e.message_type = QMI_WMS_MESSAGE_TYPE_POINT_TO_POINT;
			e.message_class = c;
			e.storage = c == QMI_WMS_MESSAGE_CLASS_2 ? QMI_WMS_STORAGE_TYPE_UIM
								 : QMI_WMS_STORAGE_TYPE_NV;
			e.receipt_action = QMI_WMS_RECEIPT_ACTION_STORE_AND_NOTIFY;
			g_array_append_val(list, e);
		}
		auto *in = qmi_message_wms_set_routes_input_new();
		qmi_message_wms_set_routes_input_set_route_list(in, list, nullptr);
		g_array_unref(list);
		qmi_client_wms_set_routes(
			QMI_CLIENT_WMS(impl->wms), in, timeout, impl->cancellable, onReady,
			ready([done](GObject *src, GAsyncResult *res) {
				auto *out = qmi_client_wms_set_routes_finish(QMI_CLIENT_WMS(src),
									     res, nullptr);
				if (out)
					qmi_message_wms_set_routes_output_unref(out);
				done({});
			}));
		qmi_message_wms_set_routes_input_unref(in);
	});
	co_await std::move(routes);
	// Set Event Report, TLV 0x10: send the Event Report indication for new MT messages.
	auto report = call<void>([impl, timeout](Done<void> done) {
		auto *in = qmi_message_wms_set_event_report_input_new();
		qmi_message_wms_set_event_report_input_set_new_mt_message_indicator(in, TRUE,
										    nullptr);
		qmi_client_wms_set_event_report(
			QMI_CLIENT_WMS(impl->wms), in, timeout, impl->cancellable, onReady,
			ready([done](GObject *src, GAsyncResult *res) {
				auto *out = qmi_client_wms_set_event_report_finish(
					QMI_CLIENT_WMS(src), res, nullptr);
				if (out)
					qmi_message_wms_set_event_report_output_unref(out);
				done({});
			}));
		qmi_message_wms_set_event_report_input_unref(in);
	});
	co_await std::move(report);
}

asio::awaitable<Result<std::vector<std::uint8_t>>> QmiModem::Impl::rawRead(std::uint8_t storage,
									   std::uint32_t index)
{
	auto impl = shared_from_this();
	guint timeout = seconds(options.requestTimeout);
	auto op = call<Bytes>([impl, storage, index, timeout](Done<Bytes> done) {
		auto *in = qmi_message_wms_raw_read_input_new();
		qmi_message_wms_raw_read_input_set_message_memory_storage_id(
			in, static_cast<QmiWmsStorageType>(storage), index, nullptr);
		qmi_message_wms_raw_read_input_set_message_mode(in, QMI_WMS_MESSAGE_MODE_GSM_WCDMA,
								nullptr);
		std::string what = fmt::format("WMS Raw Read {} {}", storageName(storage), index);
		qmi_client_wms_raw_read(
			QMI_CLIENT_WMS(impl->wms), in, timeout, impl->cancellable, onReady,
			ready([done, what](GObject *src, GAsyncResult *res) {
				GError *err = nullptr;
				auto *out = qmi_client_wms_raw_read_finish(QMI_CLIENT_WMS(src), res,
									   &err);
				GArray *raw = nullptr;
				QmiWmsMessageFormat format = QMI_WMS_MESSAGE_FORMAT_CDMA;
				if (!out ||
				    !qmi_message_wms_raw_read_output_get_result(out, &err) ||
				    !qmi_message_wms_raw_read_output_get_raw_message_data(
					    out, nullptr, &format, &raw, &err)) {
					if (out)
						qmi_message_wms_raw_read_output_unref(out);
					return done(fromGError(err, what));
				}
				Bytes bytes = copyBytes(raw);
				qmi_message_wms_raw_read_output_unref(out);
				if (format != QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT)
					return done(makeError(
						Errc::Unsupported,
						fmt::format("{}: message format {} is not "
							    "GSM/WCDMA point to point",
							    what, static_cast<int>(format))));
				done(std::move(bytes));
			}));
		qmi_message_wms_raw_read_input_unref(in);
	});
	co_return co_await std::move(op);
}

asio::awaitable<Result<void>> QmiModem::Impl::deleteStored(std::uint8_t storage,
							   std::uint32_t index)
{
	auto impl = shared_from_this();
	guint timeout = seconds(options.requestTimeout);
	auto op = call<void>([impl, storage, index, timeout](Done<void> done) {
		auto *in = qmi_message_wms_delete_input_new();
		qmi_message_wms_delete_input_set_memory_storage(
			in, static_cast<QmiWmsStorageType>(storage), nullptr);
		qmi_message_wms_delete_input_set_memory_index(in, index, nullptr);
		qmi_message_wms_delete_input_set_message_mode(in, QMI_WMS_MESSAGE_MODE_GSM_WCDMA,
							      nullptr);
		std::string what = fmt::format("WMS Delete {} {}", storageName(storage), index);
		qmi_client_wms_delete(
			QMI_CLIENT_WMS(impl->wms), in, timeout, impl->cancellable, onReady,
			ready([done, what](GObject *src, GAsyncResult *res) {
				GError *err = nullptr;
				auto *out = qmi_client_wms_delete_finish(QMI_CLIENT_WMS(src), res,
									 &err);
				if (out && qmi_message_wms_delete_output_get_result(out, &err)) {
					qmi_message_wms_delete_output_unref(out);
					return done({});
				}
				if (out)
					qmi_message_wms_delete_output_unref(out);
				done(fromGError(err, what));
			}));
		qmi_message_wms_delete_input_unref(in);
	});
	co_return co_await std::move(op);
}

asio::awaitable<void> QmiModem::Impl::receiveStored(std::uint8_t storage, std::uint32_t index)
{
	auto impl = shared_from_this();
	if (!wmsReady())
		co_return;
	auto read = rawRead(storage, index);
	auto pdu = co_await std::move(read);
	if (!pdu)
		co_return; // left in storage: listStoredSms() still shows it
	// Left in storage too: only the reader that consumes it deletes it.
	takePdu(*pdu, slotOf(storage, index));
}

void QmiModem::Impl::takePdu(const std::vector<std::uint8_t> &pdu, int storageIndex)
{
	auto part = partOf(pdu, storageIndex);
	if (!part)
		return; // a status report or a PDU that does not decode: nothing to deliver
	inbox->take(std::move(*part));
}

// ---- QmiModem ---------------------------------------------------------------------------

asio::awaitable<Result<SmsSendResult>> QmiModem::sendSms(std::string number, std::string text)
{
	auto impl = impl_;
	if (auto ok = impl->wmsReady(); !ok)
		co_return ok.error();
	SubmitOptions opts;
	opts.concatRef = ++impl->concatRef;
	opts.includeSmscByte = true; // "00": the SIM's SMSC
	auto pdus = encodeSmsSubmit(number, text, opts);
	if (!pdus)
		co_return pdus.error();
	guint timeout = seconds(impl->options.smsSendTimeout);
	SmsSendResult result;
	for (std::size_t i = 0; i < pdus->size(); ++i) {
		std::string what = pdus->size() == 1 ? std::string("WMS Raw Send")
						     : fmt::format("WMS Raw Send (part {} of {})",
								   i + 1, pdus->size());
		auto op = impl->call<int>([impl, bytes = (*pdus)[i].bytes, timeout,
					   what](Done<int> done) {
			auto *in = qmi_message_wms_raw_send_input_new();
			GArray *raw = byteArray(bytes);
			qmi_message_wms_raw_send_input_set_raw_message_data(
				in, QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT, raw, nullptr);
			g_array_unref(raw);
			qmi_client_wms_raw_send(
				QMI_CLIENT_WMS(impl->wms), in, timeout, impl->cancellable, onReady,
				ready([done, what](GObject *src, GAsyncResult *res) {
					GError *err = nullptr;
					auto *out = qmi_client_wms_raw_send_finish(
						QMI_CLIENT_WMS(src), res, &err);
					if (out &&
					    qmi_message_wms_raw_send_output_get_result(out, &err)) {
						guint16 id = 0;
						bool have =
							qmi_message_wms_raw_send_output_get_message_id(
								out, &id, nullptr);
						qmi_message_wms_raw_send_output_unref(out);
						return done(have ? static_cast<int>(id) : -1);
					}
					bool causeCode =
						err && err->domain == QMI_PROTOCOL_ERROR &&
						err->code == QMI_PROTOCOL_ERROR_WMS_CAUSE_CODE;
					Error e = fromGError(err, what);
					// TLV 0x12 (with error WmsCauseCode): why the network
					// refused, as the RP-ERROR cause (TS 24.011 §8.2.5.4) and
					// TP-FCS (TS 23.040 §9.2.3.22).
					QmiWmsGsmUmtsRpCause rp{};
					QmiWmsGsmUmtsTpCause tp{};
					if (out &&
					    qmi_message_wms_raw_send_output_get_gsm_wcdma_cause_info(
						    out, &rp, &tp, nullptr)) {
						const char *rpName =
							qmi_wms_gsm_umts_rp_cause_get_string(rp);
						const char *tpName =
							qmi_wms_gsm_umts_tp_cause_get_string(tp);
						e.what += fmt::format("; RP cause {} ({}), TP "
								      "cause 0x{:02x} ({})",
								      static_cast<int>(rp),
								      rpName ? rpName : "unknown",
								      static_cast<int>(tp),
								      tpName ? tpName : "unknown");
					}
					if (causeCode)
						e.code = make_error_code(Errc::NetworkError);
					if (out)
						qmi_message_wms_raw_send_output_unref(out);
					done(std::move(e));
				}));
			qmi_message_wms_raw_send_input_unref(in);
		});
		auto sent = co_await std::move(op);
		if (!sent)
			co_return sent.error();
		result.messageRefs.push_back(*sent);
	}
	co_return result;
}

asio::awaitable<Result<std::vector<SmsMessage>>> QmiModem::listStoredSms()
{
	auto impl = impl_;
	if (auto ok = impl->wmsReady(); !ok)
		co_return ok.error();
	guint timeout = seconds(impl->options.requestTimeout);
	struct Entry {
		std::uint8_t storage;
		std::uint32_t index;
	};
	std::vector<Entry> entries;
	for (std::uint8_t storage :
	     { std::uint8_t(QMI_WMS_STORAGE_TYPE_UIM), std::uint8_t(QMI_WMS_STORAGE_TYPE_NV) }) {
		auto op = impl->call<
			std::vector<std::uint32_t>>([impl, storage, timeout](
							    Done<std::vector<std::uint32_t>> done) {
			auto *in = qmi_message_wms_list_messages_input_new();
			qmi_message_wms_list_messages_input_set_storage_type(
				in, static_cast<QmiWmsStorageType>(storage), nullptr);
			qmi_message_wms_list_messages_input_set_message_mode(
				in, QMI_WMS_MESSAGE_MODE_GSM_WCDMA, nullptr);
			std::string what =
				fmt::format("WMS List Messages {}", storageName(storage));
			qmi_client_wms_list_messages(
				QMI_CLIENT_WMS(impl->wms), in, timeout, impl->cancellable, onReady,
				ready([done, what](GObject *src, GAsyncResult *res) {
					GError *err = nullptr;
					auto *out = qmi_client_wms_list_messages_finish(
						QMI_CLIENT_WMS(src), res, &err);
					GArray *list = nullptr;
					if (!out ||
					    !qmi_message_wms_list_messages_output_get_result(
						    out, &err) ||
					    !qmi_message_wms_list_messages_output_get_message_list(
						    out, &list, &err)) {
						if (out)
							qmi_message_wms_list_messages_output_unref(
								out);
						return done(fromGError(err, what));
					}
					std::vector<std::uint32_t> indexes;
					for (guint i = 0; i < list->len; ++i) {
						auto &e = g_array_index(
							list,
							QmiMessageWmsListMessagesOutputMessageListElement,
							i);
						// Sent and unsent MO messages are ours, not the
						// carrier's.
						if (e.message_tag ==
							    QMI_WMS_MESSAGE_TAG_TYPE_MT_READ ||
						    e.message_tag ==
							    QMI_WMS_MESSAGE_TAG_TYPE_MT_NOT_READ)
							indexes.push_back(e.memory_index);
					}
					qmi_message_wms_list_messages_output_unref(out);
					done(std::move(indexes));
				}));
			qmi_message_wms_list_messages_input_unref(in);
		});
		auto listed = co_await std::move(op);
		if (!listed) {
			// A SIM storage some firmwares do not expose; the other storage still
			// counts.
			if (listed.error().code == make_error_code(Errc::Unsupported) ||
			    listed.error().code == make_error_code(Errc::ModemError))
				continue;
			co_return listed.error();
		}
		for (std::uint32_t index : *listed)
			entries.push_back({ storage, index });
	}
	SmsAssembler local({});
	std::vector<SmsMessage> out;
	for (const Entry &e : entries) {
		auto read = impl->rawRead(e.storage, e.index);
		auto pdu = co_await std::move(read);
		if (!pdu) {
			if (pdu.error().code == make_error_code(Errc::Timeout) ||
			    pdu.error().code == make_error_code(Errc::Cancelled) ||
			    pdu.error().code == make_error_code(Errc::DeviceGone))
				co_return pdu.error();
			continue; // one unreadable slot does not hide the others
		}
		auto part = partOf(*pdu, slotOf(e.storage, e.index));
		if (!part)
			continue;
		for (auto &m : local.add(std::move(*part)))
			out.push_back(std::move(m));
	}
	for (auto &m : local.expire(std::chrono::system_clock::time_point::max()))
		out.push_back(std::move(m));
	co_return out;
}

asio::awaitable<Result<void>> QmiModem::deleteStoredSms(std::vector<int> storageIndexes)
{
	auto impl = impl_;
	if (storageIndexes.empty())
		co_return Result<void>{};
	if (auto ok = impl->wmsReady(); !ok)
		co_return ok.error();
	std::optional<Error> first;
	for (int slot : storageIndexes) {
		if (slot < 0)
			continue;
		bool uim = slot >= kUimSlotBase;
		auto storage = std::uint8_t(uim ? QMI_WMS_STORAGE_TYPE_UIM : QMI_WMS_STORAGE_TYPE_NV);
		auto index = static_cast<std::uint32_t>(uim ? slot - kUimSlotBase : slot);
		auto del = impl->deleteStored(storage, index);
		auto r = co_await std::move(del);
		if (!r && !first)
			first = r.error();
	}
	if (first)
		co_return *first;
	co_return Result<void>{};
}

asio::awaitable<Result<SmsMessage>> QmiModem::waitSms(SmsFilter filter, Duration timeout)
{
	auto impl = impl_;
	if (auto ok = impl->wmsReady(); !ok)
		co_return ok.error();
	co_return co_await impl->inbox->wait(std::move(filter), timeout);
}

} /* namespace zanryo */
