/*
 * model_open.c: opening a model for the stages: the file is mapped (or the
 * caller's memory used), checked as a file (model.h), then each stage's
 * tables are checked and made ready (tagger, name tagger).
 */
#include "lang/lang.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file checked, then the stages' tables: false with the reason in err. */
static bool validate(sitrep_model *m, const char *path, char *err, size_t errn)
{
    if (!sr_model_check(m, path, err, errn))
        return false;
    if (!sr_tag_model_load(m, err, errn)) {
        snprintf(err, errn, "%s: bad model: bad tagger tables", path);
        return false;
    }
    if (!sr_ner_load(m)) {
        snprintf(err, errn, "%s: bad model: bad name tagger weights (rebuild the model)", path);
        return false;
    }
    if (!sr_parse_load(m)) {
        snprintf(err, errn, "%s: bad model: bad parser weights (rebuild the model)", path);
        return false;
    }
    return true;
}

static const char *default_model_path(char *buf, size_t n)
{
    const char *env = getenv("SITREP_MODEL");
    if (env && *env)
        return env;
    /* Beside the executable, as an installed sitrep has it. */
    ssize_t k = readlink("/proc/self/exe", buf, n - 16);
    if (k > 0) {
        buf[k] = 0;
        char *slash = strrchr(buf, '/');
        if (slash) {
            strcpy(slash + 1, "sitrep.model");
            if (access(buf, R_OK) == 0)
                return buf;
        }
    }
#ifdef SITREP_MODEL_DEFAULT
    return SITREP_MODEL_DEFAULT;
#else
    return "sitrep.model";
#endif
}

sitrep_status sitrep_model_open(const char *path, sitrep_model **out)
{
    return sitrep_model_open_err(path, out, NULL, 0);
}

sitrep_status sitrep_model_open_err(const char *path, sitrep_model **out, char *err, size_t errn)
{
    char tmp[256], buf[4096];
    if (!err) {
        err = tmp;
        errn = sizeof tmp;
    }
    *out = NULL;
    if (!path)
        path = default_model_path(buf, sizeof buf);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errn, "%s: cannot open model: %s", path, strerror(errno));
        return SITREP_EMODEL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        snprintf(err, errn, "%s: empty or unreadable model", path);
        close(fd);
        return SITREP_EMODEL;
    }
    /* The whole file is read at once for its checksums: map it populated. */
#ifdef MAP_POPULATE
    int flags = MAP_PRIVATE | MAP_POPULATE;
#else
    int flags = MAP_PRIVATE;
#endif
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, errn, "%s: cannot map model: %s", path, strerror(errno));
        return SITREP_EMODEL;
    }
    sitrep_model *m = calloc(1, sizeof *m);
    if (!m) {
        munmap(map, (size_t)st.st_size);
        return SITREP_ENOMEM;
    }
    m->base = map;
    m->size = (size_t)st.st_size;
    m->mapped = true;
    if (!validate(m, path, err, errn)) {
        sitrep_model_free(m);
        return SITREP_EMODEL;
    }
    *out = m;
    return SITREP_OK;
}

sitrep_status sitrep_model_open_memory(const void *data, size_t len, sitrep_model **out)
{
    char err[256];
    *out = NULL;
    sitrep_model *m = calloc(1, sizeof *m);
    if (!m)
        return SITREP_ENOMEM;
    m->base = data;
    m->size = len;
    if (!validate(m, "memory", err, sizeof err)) {
        free(m);
        return SITREP_EMODEL;
    }
    *out = m;
    return SITREP_OK;
}
