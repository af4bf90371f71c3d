/* ret-person.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Age limits used for the derived categories. */
#define RET_ADULT_AGE   18
#define RET_ELDERLY_AGE 60
#define RET_INFANT_AGE  2
#define RET_MAX_AGE     120

/* Limits every stored person keeps, whatever wrote it */
#define RET_A_NUMBER_MAX_LENGTH    20
#define RET_NAME_MAX_BYTES         1000
#define RET_NOTES_MAX_BYTES        4000
#define RET_EARLIEST_APPREHENSION  G_GINT64_CONSTANT (946684800)  /* 2000-01-01 UTC */

/**
 * RetPersonFlags:
 *
 * The recorded flags of a person (roster columns of the same name).
 * Minor and elderly are not flags: they follow from the birth date.
 */
typedef enum
{
  RET_PERSON_FLAG_NONE                = 0,
  RET_PERSON_FLAG_UNACCOMPANIED_MINOR = 1 << 0,
  RET_PERSON_FLAG_PREGNANT            = 1 << 1,
  RET_PERSON_FLAG_DISABLED            = 1 << 2,
  RET_PERSON_FLAG_ILL                 = 1 << 3,
  RET_PERSON_FLAG_CRIMINAL_RECORD     = 1 << 4,
} RetPersonFlags;

#define RET_PERSON_FLAGS_ALL 0x1f

typedef enum
{
  RET_SEX_FEMALE = 'F',
  RET_SEX_MALE   = 'M',
  RET_SEX_OTHER  = 'X',
} RetSex;

typedef enum
{
  RET_PERSON_STATUS_AWAITING,
  RET_PERSON_STATUS_PLANNED,
  RET_PERSON_STATUS_DEPARTED,
  RET_PERSON_STATUS_REPATRIATED,
  RET_PERSON_STATUS_WITHDRAWN,
} RetPersonStatus;

/**
 * RetPerson:
 *
 * A person awaiting repatriation, as a plain value.  Times are UTC
 * seconds; the birth date is a calendar date.  @origin_code is the
 * 5-digit INEGI code of the municipality of origin (NULL if unknown).
 * Fields after @status are filled by the store for display and ignored
 * when writing.
 */
typedef struct
{
  gint64           id;
  char            *a_number;
  char            *family_name;
  char            *given_names;
  RetSex           sex;
  GDate            birth_date;
  char            *nationality;
  gboolean         nationality_verified;
  char            *facility;
  gint64           apprehended_at;
  char            *origin_code;
  char            *origin_locality;
  char            *family_group;
  RetPersonFlags   flags;
  gboolean         medical_fit;
  char            *medical_notes;  /* conditions and medicines, for the receiving side (R11) */
  gboolean         interior_consent;
  char            *notes;
  RetPersonStatus  status;

  /* read-only, filled by the store */
  char            *origin_label;
  char            *facility_name;
  char            *facility_tz;
  gboolean         travelling_with_infant; /* a woman whose family group has a child under 2 */
  gint64           revision;               /* of the stored record this was read from */
} RetPerson;

#define RET_TYPE_PERSON (ret_person_get_type ())

GType            ret_person_get_type          (void) G_GNUC_CONST;
RetPerson       *ret_person_new               (void);
RetPerson       *ret_person_copy              (const RetPerson *person);
void             ret_person_free              (RetPerson       *person);

int              ret_person_get_age           (const RetPerson *person,
                                               const GDate     *today);
gboolean         ret_person_is_minor          (const RetPerson *person,
                                               const GDate     *today);
gboolean         ret_person_is_elderly        (const RetPerson *person,
                                               const GDate     *today);
gboolean         ret_person_is_vulnerable     (const RetPerson *person,
                                               const GDate     *today);
char            *ret_person_dup_display_name  (const RetPerson *person);
char            *ret_person_dup_flags_description (const RetPerson *person,
                                               const GDate     *today);

const char      *ret_person_status_to_string  (RetPersonStatus  status);
gboolean         ret_person_status_from_string (const char     *text,
                                               RetPersonStatus *status);
const char      *ret_person_status_label      (RetPersonStatus  status);
const char      *ret_person_flag_label        (RetPersonFlags   flag);
const char      *ret_person_flag_icon_name    (RetPersonFlags   flag);

void             ret_date_today               (GDate           *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPerson, ret_person_free)

/*
 * RetPersonItem: a RetPerson in a GObject, for list models.
 */
#define RET_TYPE_PERSON_ITEM (ret_person_item_get_type ())
G_DECLARE_FINAL_TYPE (RetPersonItem, ret_person_item, RET, PERSON_ITEM, GObject)

RetPersonItem   *ret_person_item_new          (RetPerson     *person);
const RetPerson *ret_person_item_get_person   (RetPersonItem *self);

G_END_DECLS
