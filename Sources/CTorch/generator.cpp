// State of the default CPU random generator, for checkpoints that resume bit-exactly.
#include "ctorch.h"
#include "handle.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/Generator.h>
#include <mutex>

extern "C" {

ctorch_tensor ctorch_cpu_generator_get_state(void) {
  CTORCH_GUARD(
      auto generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      return ctorch::wrap(generator.get_state());, nullptr)
}

int ctorch_cpu_generator_set_state(ctorch_tensor state) {
  CTORCH_GUARD(
      auto generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      generator.set_state(ctorch::unwrap(state)); return 0;, -1)
}

}
