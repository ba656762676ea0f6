-- The append-only trails (audit_log, evidence_custody) take their time from the database, not from the writer,
-- whenever the writer is not the schema's owner: the app's runtime role could otherwise INSERT an entry dated in
-- the past ("at" is an ordinary column it may write), slipping invented history between real entries. The app
-- itself never sends "at" (the column default is now()), so its entries are unchanged. The owner (migrations,
-- db:restore, test fixtures) and a superuser keep full control, as they already have over the triggers; on the
-- embedded database the single user is that owner, so there this changes nothing.
CREATE OR REPLACE FUNCTION append_only_entry_time() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
    NEW.at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_entry_time
  BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION append_only_entry_time();
--> statement-breakpoint
CREATE TRIGGER evidence_custody_entry_time
  BEFORE INSERT ON evidence_custody
  FOR EACH ROW EXECUTE FUNCTION append_only_entry_time();
