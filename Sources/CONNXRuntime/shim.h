// What the shim's files share: ONNX Runtime's C API header (from scripts/setup, never committed), the handle
// structs and the error helpers. Not part of the public header, which exposes no ONNX Runtime type.
#ifndef CONNX_SHIM_H
#define CONNX_SHIM_H

#include "CONNXRuntime.h"

#if !__has_include(<onnxruntime_c_api.h>)
#error "onnxruntime_c_api.h is not in .onnxruntime/include: run scripts/setup"
#endif
#include <onnxruntime_c_api.h>
#if ORT_API_VERSION < 21
#error "CONNXRuntime needs onnxruntime_c_api.h with ORT_API_VERSION 21 or newer: run scripts/setup"
#endif

struct connx_library_s {
  const OrtApi *api;
  OrtEnv *env;
  const char *version;
  char *path;
};

struct connx_session_s {
  const OrtApi *api;
  OrtSession *session;
  size_t input_count, output_count;
  connx_value_info *inputs, *outputs;
};

/// Formats a malloc'd message into *error (NULL when that allocation fails) and returns -1.
int connx_fail(char **error, const char *format, ...) __attribute__((format(printf, 2, 3)));
/// 0 for success (a NULL status); otherwise copies the status's message into *error, releases it and returns -1.
int connx_check(const OrtApi *api, OrtStatus *status, char **error);
/// The name of an ONNX element type code ("float32", "bool", ...), for messages.
const char *connx_type_name(int32_t type);

#endif
