import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Thicket: numbers and stories, together" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.auth) throw redirect("/projects");
  return null;
}

export default function Landing() {
  return (
    <>
      <section className="hero">
        <h1>Big data shows what people do. Thick data shows why.</h1>
        <p>
          Thicket is a self-hosted workspace where researchers, frontline staff and citizen scientists code
          interviews, field notes and stories together in real time, right beside the numbers in your database.
        </p>
        <div className="actions">
          <Link className="btn" to="/signup">
            Create an account
          </Link>
          <Link className="btn btn--secondary" to="/login">
            Log in
          </Link>
        </div>
      </section>
      <section className="features" aria-label="What Thicket does">
        <div className="card">
          <h3>Code together, live</h3>
          <p>Several people highlight and code the same text at once. No project files to merge.</p>
        </div>
        <div className="card">
          <h3>Numbers beside stories</h3>
          <p>Codes sit next to segments of your quantitative data, so each pattern comes with its reasons.</p>
        </div>
        <div className="card">
          <h3>Contributors stay in control</h3>
          <p>Consent, redaction and withdrawal are built in for everyone who shares their words.</p>
        </div>
      </section>
    </>
  );
}
