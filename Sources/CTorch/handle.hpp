// Conversions between C handles/codes and ATen types, shared by every translation unit.
#pragma once
#include "ctorch.h"
#include "error.hpp"

#include <ATen/ATen.h>
#include <optional>
#include <stdexcept>

struct ctorch_tensor_s {
  at::Tensor tensor;
};

namespace ctorch {

/// Moves a tensor into a new owned handle.
inline ctorch_tensor wrap(at::Tensor tensor) { return new ctorch_tensor_s{std::move(tensor)}; }

/// The tensor behind a handle; a NULL handle is a usage error.
inline at::Tensor &unwrap(ctorch_tensor handle) {
  if (handle == nullptr) throw std::invalid_argument("NULL tensor handle");
  return handle->tensor;
}

/// The tensor behind an optional handle (NULL means absent).
inline std::optional<at::Tensor> optional(ctorch_tensor handle) {
  if (handle == nullptr) return std::nullopt;
  return handle->tensor;
}

inline at::ScalarType scalar_type(int code) {
  switch (code) {
  case CTORCH_FLOAT32: return at::kFloat;
  case CTORCH_FLOAT64: return at::kDouble;
  case CTORCH_FLOAT16: return at::kHalf;
  case CTORCH_BFLOAT16: return at::kBFloat16;
  case CTORCH_INT64: return at::kLong;
  case CTORCH_INT32: return at::kInt;
  case CTORCH_UINT8: return at::kByte;
  case CTORCH_BOOL: return at::kBool;
  }
  throw std::invalid_argument("unknown dtype code " + std::to_string(code));
}

inline int dtype_code(at::ScalarType type) {
  switch (type) {
  case at::kFloat: return CTORCH_FLOAT32;
  case at::kDouble: return CTORCH_FLOAT64;
  case at::kHalf: return CTORCH_FLOAT16;
  case at::kBFloat16: return CTORCH_BFLOAT16;
  case at::kLong: return CTORCH_INT64;
  case at::kInt: return CTORCH_INT32;
  case at::kByte: return CTORCH_UINT8;
  case at::kBool: return CTORCH_BOOL;
  default: break;
  }
  throw std::invalid_argument(std::string("unsupported dtype ") + c10::toString(type));
}

inline at::Device device(int type, int index) {
  switch (type) {
  case CTORCH_CPU: return at::Device(at::kCPU);
  case CTORCH_CUDA: return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw std::invalid_argument("unknown device type code " + std::to_string(type));
}

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions().dtype(scalar_type(dtype)).device(device(device_type, device_index));
}

inline at::MemoryFormat memory_format(int code) {
  switch (code) {
  case CTORCH_CONTIGUOUS: return at::MemoryFormat::Contiguous;
  case CTORCH_CHANNELS_LAST: return at::MemoryFormat::ChannelsLast;
  }
  throw std::invalid_argument("unknown memory format code " + std::to_string(code));
}

inline int64_t reduction(int code) {
  if (code < CTORCH_REDUCTION_NONE || code > CTORCH_REDUCTION_SUM)
    throw std::invalid_argument("unknown reduction code " + std::to_string(code));
  return code; // at::Reduction::None/Mean/Sum are 0/1/2
}

inline at::IntArrayRef ints(const int64_t *values, int count) {
  if (count < 0 || (count > 0 && values == nullptr)) throw std::invalid_argument("bad integer list");
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

} // namespace ctorch
