/* Wagtail's date pickers (jQuery datetimepicker) replace a value they cannot read by today's
   date when the field loses focus (its validateOnBlur option): « 31 mars 2027 » or a typo
   became today, silently. Off for every picker of the admin: what is typed stays as typed and
   the server reads it or refuses it with a message (core/french_input.py). */
if (window.jQuery && jQuery.fn.datetimepicker) {
  jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
}
