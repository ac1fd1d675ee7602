import { lazy, Suspense, useId, useState, type ReactNode } from "react";
import { latName, lngName } from "~/lib/contributions/form-answers";
import { ClientOnly } from "../client-only";

const LocationMap = lazy(() => import("./location-map.client"));

interface LocationFieldProps {
  label: ReactNode;
  name: string;
  lat: string;
  lng: string;
  required?: boolean;
  error: ReactNode;
  describedBy?: string;
  mapTileUrl: string | null;
}

/** Six decimals: about 10 cm, more than any phone knows. */
const fixed = (n: number) => String(Math.round(n * 1e6) / 1e6);

/**
 * Where something was seen: latitude and longitude as two inputs (they work without
 * JavaScript), filled by clicking the map or from the device's position.
 */
export function LocationField({ label, name, lat, lng, required, error, describedBy, mapTileUrl }: LocationFieldProps) {
  const id = useId();
  const [where, setWhere] = useState({ lat, lng });
  const [locating, setLocating] = useState<"idle" | "busy" | string>("idle");
  const parsed = { lat: Number.parseFloat(where.lat), lng: Number.parseFloat(where.lng) };
  const point = Number.isFinite(parsed.lat) && Number.isFinite(parsed.lng) ? parsed : null;

  const pick = (p: { lat: number; lng: number }) => setWhere({ lat: fixed(p.lat), lng: fixed(p.lng) });
  const useDevice = () => {
    if (!("geolocation" in navigator)) {
      setLocating("This device cannot tell where it is: click the map or type the numbers.");
      return;
    }
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        pick({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        setLocating("idle");
      },
      () => setLocating("Your location is not available (permission refused or no signal): click the map or type the numbers."),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <fieldset className="field answer-location" aria-describedby={describedBy}>
      <legend>{label}</legend>
      <span className="hint">
        {mapTileUrl ? "Click the map where it was, " : ""}use your device's position, or type latitude and longitude in degrees.
      </span>
      {mapTileUrl ? (
        <ClientOnly fallback={<div className="location-map location-map--loading">Loading the map…</div>}>
          {() => (
            <Suspense fallback={<div className="location-map location-map--loading">Loading the map…</div>}>
              <LocationMap tileUrl={mapTileUrl} point={point} onPick={pick} />
            </Suspense>
          )}
        </ClientOnly>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-lat`}>Latitude</label>
          <input
            id={`${id}-lat`}
            type="text"
            inputMode="decimal"
            name={latName(name)}
            value={where.lat}
            onChange={(e) => setWhere({ ...where, lat: e.target.value })}
            placeholder="51.5072"
            required={required}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-lng`}>Longitude</label>
          <input
            id={`${id}-lng`}
            type="text"
            inputMode="decimal"
            name={lngName(name)}
            value={where.lng}
            onChange={(e) => setWhere({ ...where, lng: e.target.value })}
            placeholder="-0.1276"
            required={required}
            autoComplete="off"
          />
        </div>
        <ClientOnly>
          {() => (
            <button type="button" className="btn btn--secondary" onClick={useDevice} disabled={locating === "busy"}>
              {locating === "busy" ? "Finding you…" : "Use my location"}
            </button>
          )}
        </ClientOnly>
      </div>
      {locating !== "idle" && locating !== "busy" ? (
        <span className="hint" role="status">
          {locating}
        </span>
      ) : null}
      {error}
    </fieldset>
  );
}
