// zanryo-qmi.so: the module's entry point (libmodem/backend/qmi_module.hpp). The rest
// of the module is the zanryo_qmi library and what it needs of the lower layers.

#include "libmodem/backend/qmi_module.hpp"
#include "libmodem/qmi/qmi_modem.hpp"

namespace zanryo {
namespace {

std::unique_ptr<Modem> createQmiModem(boost::asio::any_io_executor executor, const std::string &devicePath,
				      const QmiModemOptions &options)
{
	return std::make_unique<QmiModem>(std::move(executor), devicePath, options);
}

constexpr QmiModule kModule{ kQmiModuleAbi, ZANRYO_VERSION, &createQmiModem };

} /* namespace */
} /* namespace zanryo */

extern "C" __attribute__((visibility("default"))) const zanryo::QmiModule *zanryo_qmi_module()
{
	return &zanryo::kModule;
}
