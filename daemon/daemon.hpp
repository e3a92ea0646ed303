#pragma once

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sdbus-c++/sdbus-c++.h>

#include "bus_loop.hpp"
#include "config.hpp"
#include "discovery.hpp"
#include "history_store.hpp"
#include "provider_source.hpp"
#include "modem_service.hpp"
#include "state_store.hpp"
#include "zanryo1_adaptor.h"

namespace zanryo {

class Daemon;

/// The root object: Manager and ObjectManager.
class ManagerObject final : public sdbus::AdaptorInterfaces<org::zanryo::Zanryo1::Manager_adaptor,
							   sdbus::ObjectManager_adaptor>
{
public:
	ManagerObject(sdbus::IConnection &connection, Daemon &daemon);
	~ManagerObject();

private:
	uint32_t RefreshAll() override;
	std::string Version() override;

	Daemon &daemon_;
};

/// Makes the Modem for a device: configured ("/dev/ttyUSB2", "at:PATH", "qmi:PATH") or
/// discovered ("at:PATH", "qmi:PATH", "mm:/org/freedesktop/ModemManager1/Modem/N").
using ModemFactory =
	std::function<Result<std::shared_ptr<Modem>>(boost::asio::io_context &, const ModemConfig &)>;

/// \brief zanryod: one io_context, one bus connection, one service per modem. Modems
/// come and go at runtime (Discovery): each is a ModemService under a key ("modem[0]"
/// for a configured one, the device for a discovered one).
class Daemon final : public ModemSet
{
public:
	static constexpr const char *kBusName = "org.zanryo.Zanryo1";
	static constexpr const char *kRootPath = "/org/zanryo/Zanryo1";
	static constexpr const char *kVersion = ZANRYO_VERSION;

	Daemon(boost::asio::io_context &io, std::unique_ptr<sdbus::IConnection> connection,
	       Config config, std::optional<ProviderSource> providers, ModemFactory factory);
	~Daemon() override;

	/// Creates the configured modems' services and starts them, then discovery; false
	/// when none could be created and some were configured.
	bool start();
	void stop();
	/// The bus connection broke and the event loop has stopped (BusLoop::lost()).
	bool busLost() const { return busLoop_ && busLoop_->lost(); }
	/// start() failed only because of the configuration (an at_port on an AT device, an
	/// empty path): the service's exit status is then 78, as for a broken config file.
	bool failedOnConfig() const { return failedOnConfig_; }

	unsigned refreshAll();

	// ModemSet, for Discovery.
	bool addModem(const std::string &key, const ModemConfig &config) override;
	void removeModem(const std::string &key) override;
	/// Modems running (not counting those being retired).
	size_t modemCount() const { return services_.size(); }

private:
	void notifyStatus();
	void startWatchdog();
	void openHistory();

	boost::asio::io_context &io_;
	std::unique_ptr<sdbus::IConnection> connection_;
	Config config_;
	std::optional<ProviderSource> providers_;
	ModemFactory factory_;
	bool failedOnConfig_ = false;
	StateStore store_;
	std::unique_ptr<HistoryStore> history_;
	std::unique_ptr<BusLoop> busLoop_;
	std::unique_ptr<ServiceContext> serviceContext_;
	std::unique_ptr<ManagerObject> manager_;
	std::map<std::string, std::unique_ptr<ModemService>> services_;
	/// Removed modems whose coroutines still end; destroyed by ModemService::retire()'s
	/// callback, never before (ARCHITECTURE.md: the coroutines borrow the service).
	std::list<std::unique_ptr<ModemService>> retiring_;
	std::unique_ptr<Discovery> discovery_;
	boost::asio::steady_timer watchdog_;
};

} /* namespace zanryo */
