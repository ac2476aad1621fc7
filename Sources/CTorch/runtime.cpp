// Version, library location, threads and device queries.
#include "ctorch.h"
#include "error.hpp"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/headeronly/version.h>
#include <dlfcn.h>
#include <string>

#if !defined(TORCH_VERSION_MAJOR) || TORCH_VERSION_MAJOR < 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR < 13)
#error "CTorch needs libtorch 2.13 or newer headers: check $LIBTORCH or run scripts/setup"
#endif

extern "C" {

const char *ctorch_version(void) { return TORCH_VERSION; }

const char *ctorch_library_path(void) {
  CTORCH_GUARD(
      static std::string path = [] {
        Dl_info info;
        if (dladdr(reinterpret_cast<void *>(&at::get_num_threads), &info) != 0 && info.dli_fname != nullptr)
          return std::string(info.dli_fname);
        return std::string("unknown");
      }();
      return path.c_str();, "unknown")
}

int ctorch_cuda_is_available(void) {
  CTORCH_GUARD(return at::hasCUDA() ? 1 : 0;, -1)
}

int ctorch_cuda_device_count(void) {
  CTORCH_GUARD(return at::hasCUDA() ? static_cast<int>(at::detail::getCUDAHooks().deviceCount()) : 0;, -1)
}

int ctorch_get_num_threads(void) { CTORCH_GUARD(return at::get_num_threads();, -1) }

void ctorch_set_num_threads(int count) { CTORCH_GUARD(at::set_num_threads(count);, ) }

}

extern "C" int ctorch_manual_seed(uint64_t seed) { CTORCH_GUARD(at::manual_seed(seed); return 0;, -1) }
