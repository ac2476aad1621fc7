// Opening the ONNX Runtime library: dlopen, OrtGetApiBase, GetApi at the header's version, one silent environment.
// The library is never linked, because its symbols carry the exact release as their version.
#define _GNU_SOURCE
#include "shim.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CONNX_PACKAGE_DIRECTORY
#error "CONNX_PACKAGE_DIRECTORY (the package folder) must be defined by Package.swift"
#endif

const char *connx_package_library_folder(void) { return CONNX_PACKAGE_DIRECTORY "/.onnxruntime/lib"; }

static void discard_log(void *param, OrtLoggingLevel severity, const char *category, const char *logid,
                        const char *code_location, const char *message) {
  (void)param, (void)severity, (void)category, (void)logid, (void)code_location, (void)message;
}

/// Checks the runtime's version and binds its API table; on failure the caller closes the library.
static const OrtApi *bind_api(const OrtApiBase *base, const char *path, char **error) {
  const char *version = base->GetVersionString();
  int major = 0, minor = 0;
  // Asked for a newer API than it has, GetApi prints to stderr; the version string answers the same silently.
  if (sscanf(version, "%d.%d", &major, &minor) != 2 || (major == 1 && minor < ORT_API_VERSION)) {
    connx_fail(error, "%s: ONNX Runtime %s is too old; 1.%d or newer is needed", path, version, ORT_API_VERSION);
    return NULL;
  }
  const OrtApi *api = base->GetApi(ORT_API_VERSION);
  if (api == NULL)
    connx_fail(error, "%s: ONNX Runtime %s does not offer C API version %d", path, version, ORT_API_VERSION);
  return api;
}

int connx_library_open(const char *path, connx_library *library, char **error) {
  *library = NULL, *error = NULL;
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) return connx_fail(error, "%s", dlerror());
  const OrtApiBase *(*get_api_base)(void) = (const OrtApiBase *(*)(void))dlsym(handle, "OrtGetApiBase");
  if (get_api_base == NULL) connx_fail(error, "%s: no OrtGetApiBase symbol, so not an ONNX Runtime library", path);
  const OrtApiBase *base = get_api_base != NULL ? get_api_base() : NULL;
  const OrtApi *api = base != NULL ? bind_api(base, path, error) : NULL;
  if (api == NULL) {
    dlclose(handle);
    return -1;
  }
  // From here on the library has run code of its own, so it is never closed.
  OrtEnv *env = NULL;
  OrtStatus *status = api->CreateEnvWithCustomLogger(discard_log, NULL, ORT_LOGGING_LEVEL_ERROR, "frcnn", &env);
  if (connx_check(api, status, error)) return -1;
  struct connx_library_s *result = malloc(sizeof *result);
  if (result == NULL) return connx_fail(error, "out of memory");
  Dl_info loaded;
  const char *file = dladdr((void *)get_api_base, &loaded) != 0 && loaded.dli_fname != NULL ? loaded.dli_fname : path;
  result->api = api, result->env = env, result->version = base->GetVersionString(), result->path = strdup(file);
  if (result->path == NULL) {
    free(result);
    return connx_fail(error, "out of memory");
  }
  *library = result;
  return 0;
}

const char *connx_library_version(connx_library library) { return library->version; }

const char *connx_library_path(connx_library library) { return library->path; }
