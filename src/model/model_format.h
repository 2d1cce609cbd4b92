/*
 * model_format.h: the binary model file, shared by the writer
 * (model_write.c, used by tools/mkmodel.c) and the reader (model.c).
 *
 *   header   magic "SITREPMD", format version, endianness probe, file size,
 *            section count, checksum of the section table
 *   table    one entry a section: four-letter tag, checksum, offset, length
 * Checksums are the low 32 bits of XXH3-64 (libxxhash): the whole 23 MB
 * model is checked at every open, and XXH3 does that at memory speed.
 *   sections each 16-byte aligned
 *
 * All integers are little-endian (the probe rejects other machines rather
 * than swapping).  The reader checks everything before making a pointer
 * into the file: magic, version, probe, size, table bounds, every section's
 * bounds (without overflow) and alignment, every checksum.
 *
 * Hashed string tables ("hash" sections) map a byte string to a u32:
 *   u32 nbuckets (a power of two), u32 nentries,
 *   u32 buckets[nbuckets]   (entry index + 1; 0 is empty; linear probing)
 *   entries[nentries]       {u32 key_off, u32 key_len, u32 value, u32 hash}
 * Keys live in the "STRS" section.
 */
#ifndef SR_MODEL_FORMAT_H
#define SR_MODEL_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <xxhash.h>

#define SR_MODEL_MAGIC "SITREPMD"
#define SR_MODEL_VERSION 2u
#define SR_MODEL_ENDIAN 0x01020304u

typedef struct sr_model_header {
    char magic[8];
    uint32_t version;
    uint32_t endian;
    uint64_t size;
    uint32_t nsections;
    uint32_t table_crc;
} sr_model_header;

typedef struct sr_model_section {
    char tag[4];
    uint32_t crc;
    uint64_t offset;
    uint64_t length;
} sr_model_section;

typedef struct sr_hash_entry {
    uint32_t key_off, key_len, value, hash;
} sr_hash_entry;

/* A gazetteer place (section PLCS). */
enum {
    SR_FEATURE_COUNTRY = 0,
    SR_FEATURE_ADMIN1 = 1,
    SR_FEATURE_CITY = 2,
    SR_FEATURE_ADMIN2 = 3,
    SR_FEATURE_CONTINENT = 4 /* a continent or a part of the world: no country (cc "") */
};
typedef struct sr_place_rec {
    float lat, lon;
    uint32_t population;
    uint32_t name_off;   /* STRS */
    uint32_t admin1_off; /* STRS: the region's name, or UINT32_MAX */
    char cc[2];          /* ISO 3166-1 alpha-2 */
    uint8_t feature;     /* SR_FEATURE_* */
    uint8_t has_coords;
} sr_place_rec;

/* Section PLFL: one byte a place (parallel to PLCS), what GeoNames says of
 * it.  Section PLA2: one u32 a place, its district's place index (a town's),
 * or UINT32_MAX. */
enum {
    SR_PLACE_CAPITAL = 1,   /* a country's capital (PPLC) */
    SR_PLACE_SEAT1 = 2,     /* seat of a first-level region (PPLA) */
    SR_PLACE_SEAT2 = 4,     /* seat of a district (PPLA2) */
    SR_PLACE_ALTNAMES = 8,  /* known by other spellings too (GeoNames' alternates) */
    SR_PLACE_SMALL = 16     /* a village of cities500 only (under 1,000 people) */
};

/* Section GEOW: the weights of the geocoder's candidate ranking (place.c),
 * learned by tools/geo_train.c: u32 count, then that many floats, in the
 * order of place.c's features. */

/* Sections PLFW and PLLW: bitmaps of the first and last words of place keys
 * of several words (FNV-1a of the word, modulo the bits). */
#define SR_PLFW_WORDS 1024

/* A lexicon entry (section LXEN): one alias of one lexicon line.
 * Lexicons are matched by key (lower-cased tokens joined by spaces):
 * LXMH maps a key to a value whose bit 31 says longer keys start with it
 * and whose low bits, when not 0, are 1 + the index in LXML of a list
 * (n, then record indexes).  Strings are in LXST. */
enum {
    SR_LEX_ACTOR = 1,
    SR_LEX_DEMONYM,
    SR_LEX_ROLE,
    SR_LEX_TITLE,
    SR_LEX_PERSONROLE,
    SR_LEX_ORGCUE,
    SR_LEX_PLACE,
    SR_LEX_EVENT,
    SR_LEX__MAX
};
/* ACLED classes of event words (sr_lex_rec.acled): what the word alone
 * says; the event stage refines it by actors and weapons. */
enum {
    SR_AC_NONE = 0,
    SR_AC_CLASH,     /* fighting between armed groups */
    SR_AC_ATTACK,    /* violence whose target decides: civilians or armed */
    SR_AC_AIR,       /* air or drone strike */
    SR_AC_SHELL,     /* shelling, artillery, missiles */
    SR_AC_IED,       /* remote explosive, landmine, IED */
    SR_AC_GRENADE,
    SR_AC_SUICIDE,   /* suicide bomb */
    SR_AC_CHEMICAL,
    SR_AC_ABDUCT,
    SR_AC_SEXUAL,
    SR_AC_PROTEST,   /* peaceful unless intervention or violence is told */
    SR_AC_RIOT,      /* violent demonstration */
    SR_AC_MOB,       /* mob violence */
    SR_AC_ARREST,
    SR_AC_LOOT,      /* looting, property destruction */
    SR_AC_AGREE,     /* agreement */
    SR_AC_BASE,      /* headquarters or base established */
    SR_AC_TRANSFER,  /* non-violent transfer of territory */
    SR_AC_CAPTURE,   /* territory taken: by the state regained, else overtaken */
    SR_AC_DISRUPT,   /* disrupted weapons use */
    SR_AC_CHANGE,    /* change to group or activity */
    SR_AC_OTHER,     /* strategic development, other */
    SR_AC__MAX
};
/* Parts of speech an event word matches as (sr_lex_rec.pos). */
enum { SR_POS_ANY = 0, SR_POS_VERB = 1, SR_POS_NOUN = 2 };
#define SR_LEX_PREFIX 0x80000000u
typedef struct sr_lex_rec {
    uint8_t kind;    /* SR_LEX_* */
    uint8_t cased;   /* the alias matches only as written (IS, SDF) */
    uint8_t ntok;    /* tokens in the alias */
    uint8_t pad;
    uint32_t name_off;    /* canonical name: the first name on the line */
    uint32_t surface_off; /* this alias as written */
    char code[16];        /* CAMEO-style actor code, or "" */
    char country[4];      /* ISO 3166-1 alpha-3, or "" */
    char sector[4];       /* CAMEO sector, or "" */
    char type[8];         /* entity type: ORG, GPE, NORP, PERSON ... or "" */
    char group[4];        /* ethnic or religious group code, or "" */
    /* events: code holds the CAMEO code */
    char plover[12];      /* PLOVER type, or "" */
    char mode[16];        /* PLOVER mode, or "" */
    uint8_t acled;        /* SR_AC_* */
    uint8_t pos;          /* SR_POS_* */
    uint8_t inverse;      /* the subject is the target ("fall to") */
    uint8_t pad2;
} sr_lex_rec;

/* The checksum of a model's table and sections. */
static inline uint32_t sr_model_checksum(const void *p, size_t n)
{
    return (uint32_t)XXH3_64bits(p, n);
}

/* FNV-1a, 32 bits. */
static inline uint32_t sr_hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#endif
